import { test, expect, freshUser, createAccount, jsEnabled, expectModal, PHONE_AND_DESKTOP } from './fixtures';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { RolePage } from './pages/RolePage';
import { RolesPage } from './pages/RolesPage';

for (const size of PHONE_AND_DESKTOP) {
  test(`an invite's outcomes appear beside the form it was sent from, in view, on ${size.name}`, async ({
    page, signedInUser,
  }, testInfo) => {
    test.setTimeout(90_000);
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountId = await createAccount(page, 'Outcomes In View');
    const panel = new InvitationsPanel(page);

    // 50 pending invitations fill the account and push the invite form far down the page.
    const fifty = Array.from({ length: 50 }, () => freshUser().email);
    await panel.invite(fifty.join('\n'));
    const fiftyInvited = page.getByRole('heading', { name: '50 of 50 invited' });
    await expect(fiftyInvited).toBeInViewport();
    // The keyboard starts at the outcomes, where the answer scrolled to.
    await expect(page.locator('#invite-results')).toBeFocused();
    await expect(page.getByRole('region', { name: /^Invite people/ }).getByRole('status')).toBeVisible();

    // The 51st is refused, and the refusal is where the eye is.
    const fiftyFirst = freshUser().email;
    await page.goto(`/accounts/${accountId}`);
    await panel.invite(fiftyFirst);
    await expect(page.getByRole('heading', { name: '0 of 1 invited' })).toBeInViewport();
    await expect(panel.result(fiftyFirst)).toContainText('already has 50 pending invitations');
    await expect(panel.result(fiftyFirst)).toBeInViewport();

    // From the search box at the top, the outcome shows at the top, beside the search.
    await page.goto(`/accounts/${accountId}`);
    const box = page.getByRole('combobox', { name: 'Name or email' });
    const stranger = freshUser().email;
    if (jsEnabled(testInfo.project.name)) {
      await box.pressSequentially(stranger, { delay: 10 });
    } else {
      await box.fill(stranger);
      await page.getByRole('button', { name: 'Search' }).click();
    }
    await page
      .getByRole('listbox', { name: 'Matching users' })
      .getByRole('option')
      .filter({ hasText: stranger })
      .getByRole('button', { name: 'Invite' })
      .click();
    const searchOutcome = page.getByRole('region', { name: 'Find users' }).getByRole('status');
    await expect(searchOutcome).toBeInViewport();
    await expect(searchOutcome).toContainText(stranger);
    await expect(searchOutcome).toContainText('already has 50 pending invitations');
  });
}

test('a refused invite comes back with the addresses that were typed, in view', async ({ page, signedInUser }) => {
  expect(signedInUser).toBeTruthy();
  await page.setViewportSize({ width: 375, height: 812 });
  await createAccount(page, 'Typed Kept');
  const typed = Array.from({ length: 101 }, (_, i) => `person${i}@example.com`).join('\n');
  await new InvitationsPanel(page).invite(typed);
  const field = page.getByLabel('Email addresses');
  await expect(page.getByText('Invite at most 100 addresses at once.')).toBeInViewport();
  await expect(field).toHaveValue(typed);
});

test('a refused new role keeps its name, description and ticked permissions', async ({ page, signedInUser }) => {
  expect(signedInUser).toBeTruthy();
  const accountId = await createAccount(page, 'Typed Role');
  const roles = new RolesPage(page);
  await roles.goto(accountId);
  // "admin" clashes with the built-in Admin role (names compare without case).
  await roles.createForm.getByLabel('Description (optional)').fill('Typed before the refusal');
  await roles.createRole('admin', ['read:audit_log']);
  await expect(roles.createForm.getByText('Another role in this account already has this name.')).toBeVisible();
  await expect(roles.createForm.getByLabel('Role name')).toHaveValue('admin');
  await expect(roles.createForm.getByLabel('Description (optional)')).toHaveValue('Typed before the refusal');
  await expect(roles.createForm.getByLabel('read:audit_log', { exact: true })).toBeChecked();
});

test('a role\u2019s rename dialog is modal, keeps a refused name and gives the keyboard back', async ({
  page, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  const accountId = await createAccount(page, 'Rename Modal');
  const roles = new RolesPage(page);
  const role = new RolePage(page);
  await roles.goto(accountId);
  await roles.createRole('Support', ['read:users']);
  await role.expectOpen('Support');

  await role.action('Rename').click();
  const rename = role.dialog('Rename role');
  await expect(rename).toBeInViewport();
  const js = jsEnabled(testInfo.project.name);
  if (js) {
    await expectModal(rename);
    await expect(rename.getByLabel('Role name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(rename).toHaveCount(0);
    await expect(role.action('Rename')).toBeFocused();
    await role.action('Rename').click();
    await expectModal(rename);
  }
  await rename.getByLabel('Role name').fill('ADMIN');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename.getByText('Another role in this account already has this name.')).toBeVisible();
  await expect(rename.getByLabel('Role name')).toHaveValue('ADMIN');
  await expect(rename).toBeInViewport();
});
