import {
  test, expect, freshUser, signUp, createAccount, secondBrowser, jsEnabled, expectModal, PHONE_AND_DESKTOP,
} from './fixtures';
import { mailsTo } from './mailbox';
import { addMember } from './seed';

function sections(page: import('@playwright/test').Page) {
  return page.getByRole('navigation', { name: 'Account sections' });
}

for (const size of PHONE_AND_DESKTOP) {
  test(`the owner renames the account from its settings on ${size.name}`, async ({ page, signedInUser }) => {
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    await createAccount(page, 'Acme Typo');
    await sections(page).getByRole('link', { name: 'Settings' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await expect(name).toHaveValue('Acme Typo');

    // Only spaces: refused beside the field, and what was typed stays.
    await name.fill('   ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText('Enter a name for the account.').first()).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('   ');

    await page.getByLabel('Name', { exact: true }).fill('Acme Ltd');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('status')).toHaveText('Account renamed.');
    await expect(page.getByRole('heading', { level: 1, name: 'Acme Ltd' })).toBeVisible();
    await expect(page.locator('details.switcher summary')).toContainText('Acme Ltd');
  });

  test(`deleting the account asks for its name, then its members lose it on ${size.name}`, async ({
    page, browser, signedInUser,
  }, testInfo) => {
    test.setTimeout(60_000);
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountName = `Doomed ${freshUser().name}`;
    const accountId = await createAccount(page, accountName);
    const theirPage = await secondBrowser(browser, testInfo);
    const member = freshUser();
    await signUp(theirPage, member);
    addMember(accountId, member.email);
    await theirPage.goto(`/accounts/${accountId}`);
    await expect(theirPage.getByRole('heading', { level: 1, name: accountName })).toBeVisible();

    await page.goto(`/accounts/${accountId}/settings`);
    await page.getByRole('link', { name: 'Delete account…' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete “${accountName}”?` });
    await expect(dialog).toBeInViewport();
    if (jsEnabled(testInfo.project.name)) await expectModal(dialog);
    await expect(dialog).toContainText('2 members will lose access');

    await dialog.getByLabel("Type the account's name to confirm").fill('not it');
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    const again = page.getByRole('alertdialog', { name: `Delete “${accountName}”?` });
    await expect(again.getByText(/exactly as shown to delete it/).first()).toBeVisible();
    await expect(again.getByLabel("Type the account's name to confirm")).toHaveValue('not it');

    await again.getByLabel("Type the account's name to confirm").fill(accountName);
    await again.getByRole('button', { name: 'Delete account' }).click();
    await expect(page.getByRole('status')).toContainText('Account deleted.');
    await expect(page.getByRole('link', { name: accountName })).toHaveCount(0);

    await theirPage.reload();
    await expect(theirPage.getByRole('heading', { level: 1, name: accountName })).toHaveCount(0);
    await expect(theirPage.getByText('Not found').first()).toBeVisible();
    await expect.poll(() => mailsTo(member.email).some((mail) => mail.includes(`${accountName} was deleted`))).toBe(true);
    await theirPage.context().close();
  });
}

test('a member without write:account sees the name but no way to change or delete it', async ({
  page, browser, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  const accountId = await createAccount(page, 'Read Only Co');
  const theirPage = await secondBrowser(browser, testInfo);
  const member = freshUser();
  await signUp(theirPage, member);
  addMember(accountId, member.email, ['write:users']);
  await theirPage.goto(`/accounts/${accountId}/settings`);
  await expect(theirPage.getByRole('heading', { level: 1, name: 'Read Only Co' })).toBeVisible();
  await expect(theirPage.getByText(/Only members whose roles include write:account/)).toBeVisible();
  await expect(theirPage.getByRole('button', { name: 'Save name' })).toHaveCount(0);
  await expect(theirPage.getByRole('link', { name: 'Delete account…' })).toHaveCount(0);
  await theirPage.context().close();
});
