import { test, expect, freshUser, createAccount, secondBrowser, signUp, jsEnabled } from './fixtures';
import { AccountPage } from './pages/AccountPage';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { addMember } from './seed';

async function search(page: import('@playwright/test').Page, role: string, query: string, js: boolean) {
  await page.getByLabel('Role', { exact: true }).first().selectOption({ label: role });
  const box = page.getByRole('combobox', { name: 'Name or email' });
  if (js) {
    await box.pressSequentially(query, { delay: 20 });
  } else {
    await box.fill(query);
    await page.getByRole('button', { name: 'Search' }).click();
  }
  return page.getByRole('listbox', { name: 'Matching users' });
}

test('searching with a role finds a member and adds them to the role', async ({
  page, browser, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  const accountId = await createAccount(page, 'Search Co');
  const theirPage = await secondBrowser(browser, testInfo);
  const member = { ...freshUser(), name: `Grace ${Date.now()} Hopper` };
  await signUp(theirPage, member);
  await theirPage.context().close();
  addMember(accountId, member.email);
  await page.reload();

  const results = await search(page, 'Admin', member.name.split(' ')[1], jsEnabled(testInfo.project.name));
  const hit = results.getByRole('option').filter({ hasText: member.email });
  await expect(hit).toContainText(member.name);
  await hit.getByRole('button', { name: 'Add to role' }).click();
  await expect(page.getByText('Roles saved.')).toBeVisible();
  await new AccountPage(page).expectMemberWithRole(member.email, 'Admin');

  const again = await search(page, 'Admin', member.name.split(' ')[1], jsEnabled(testInfo.project.name));
  await expect(again.getByRole('option').filter({ hasText: member.email })).toContainText('Assigned');
});

test('searching an unknown email offers to invite it with the chosen role', async ({
  page, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'Search Invite Co');
  const stranger = freshUser().email;
  const results = await search(page, 'Admin', stranger, jsEnabled(testInfo.project.name));
  const hit = results.getByRole('option').filter({ hasText: stranger });
  await hit.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('heading', { name: '1 of 1 invited' })).toBeVisible();
  await expect(new InvitationsPanel(page).pendingRow(stranger)).toContainText('Admin');
});

test('the keyboard moves through results and Enter acts, Escape closes', async ({ page, signedInUser }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'keyboard navigation is what the island adds');
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'Keyboard Co');
  const stranger = freshUser().email;
  const results = await search(page, 'Admin', stranger, true);
  const box = page.getByRole('combobox', { name: 'Name or email' });
  await expect(results.getByRole('option')).toHaveCount(1);
  await box.press('ArrowDown');
  await expect(results.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', 'search-hit-0');
  await box.press('Escape');
  await expect(results).toHaveCount(0);
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: '1 of 1 invited' })).toBeVisible();
});
