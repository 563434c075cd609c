import { test, expect, freshUser, createAccount, secondBrowser, signUp, openActions, jsEnabled, PHONE_AND_DESKTOP } from './fixtures';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { AccountPage } from './pages/AccountPage';
import { addMember } from './seed';
import type { Page } from '@playwright/test';

/** The audit log, filtered by `action`, shows the change to `target`. */
async function expectAudited(page: Page, accountId: string, action: string, target: string) {
  await page.goto(`/accounts/${accountId}/audit?action=${action}`);
  await expect(page.getByRole('table', { name: /Changes/ }).getByRole('row').filter({ hasText: action })).toContainText(target);
}

test('an admin edits a member\u2019s roles in the roles dialog', async ({ page, browser, signedInUser }, testInfo) => {
  expect(signedInUser).toBeTruthy();
  const accountId = await createAccount(page, 'Edit Roles Co');
  const theirPage = await secondBrowser(browser, testInfo);
  const member = freshUser();
  await signUp(theirPage, member);
  addMember(accountId, member.email);
  await page.reload();
  const account = new AccountPage(page);
  await openActions(page, member.name);
  await page.getByRole('link', { name: `Edit the roles of ${member.name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Roles of ${member.name}` });
  await dialog.getByLabel('Admin').check();
  await dialog.getByRole('button', { name: 'Save roles' }).click();
  await expect(page.getByText('Roles saved.')).toBeVisible();
  await account.expectMemberWithRole(member.email, 'Admin');
  // The member's very next request sees it: the Roles section is theirs now.
  await theirPage.goto(`/accounts/${accountId}/roles`);
  await expect(theirPage.getByRole('table', { name: 'Roles' })).toBeVisible();
  await theirPage.context().close();
  await expectAudited(page, accountId, 'member.roles_changed', member.email);
});

test('the owner makes another member the owner and loses the owner-only controls', async ({
  page, browser, signedInUser,
}, testInfo) => {
  const accountId = await createAccount(page, 'Handover Co');
  const heir = freshUser();
  const heirPage = await secondBrowser(browser, testInfo);
  await signUp(heirPage, heir);
  await heirPage.context().close();
  addMember(accountId, heir.email);
  await page.reload();
  await openActions(page, heir.name);
  await page.getByRole('link', { name: `Make ${heir.name} the owner` }).click();
  const dialog = page.getByRole('alertdialog', { name: `Make ${heir.name} the owner?` });
  await expect(dialog).toContainText(`${heir.name} (${heir.email}) becomes the owner`);
  await expect(dialog).toContainText(`You, ${signedInUser.name}, stay a member with the Admin role`);
  await dialog.getByRole('button', { name: 'Make owner' }).click();
  await expect(page.getByText('Ownership handed over.')).toBeVisible();
  const account = new AccountPage(page);
  await account.expectMemberWithRole(heir.email, 'Owner');
  await account.expectMemberWithRole(signedInUser.email, 'Admin');
  await expect(account.memberRow(signedInUser.email).getByText('Owner', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /the owner$/, includeHidden: true })).toHaveCount(0);
  await expectAudited(page, accountId, 'account.ownership_transferred', heir.email);
});

test('an admin removes a member, who loses access at once', async ({ page, browser, signedInUser }, testInfo) => {
  expect(signedInUser).toBeTruthy();
  const accountId = await createAccount(page, 'Removal Co');
  const theirPage = await secondBrowser(browser, testInfo);
  const member = freshUser();
  await signUp(theirPage, member);
  addMember(accountId, member.email);
  await theirPage.goto(`/accounts/${accountId}`);
  await expect(theirPage.getByRole('heading', { level: 1, name: 'Removal Co' })).toBeVisible();

  await page.reload();
  await openActions(page, member.name);
  await page.getByRole('link', { name: `Remove ${member.name}` }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove user access' });
  await expect(dialog).toContainText(`${member.name} (${member.email}) loses access`);
  await dialog.getByRole('button', { name: 'Remove user access' }).click();
  await expect(page.getByText('Member removed.')).toBeVisible();
  await expect(new AccountPage(page).memberRow(member.email)).toHaveCount(0);

  await theirPage.reload();
  await expect(theirPage.getByRole('heading', { level: 1, name: 'Removal Co' })).toHaveCount(0);
  await expect(theirPage.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await theirPage.goto('/');
  await expect(theirPage.getByRole('main').getByRole('link', { name: 'Removal Co' })).toHaveCount(0);
  await theirPage.context().close();
  await expectAudited(page, accountId, 'member.removed', member.email);
});

test('a member who wants to leave is told who can remove them', async ({ page, browser, signedInUser }, testInfo) => {
  const accountId = await createAccount(page, 'Leaving Co');
  const theirPage = await secondBrowser(browser, testInfo);
  const member = freshUser();
  await signUp(theirPage, member);
  addMember(accountId, member.email);
  await theirPage.goto(`/accounts/${accountId}`);
  await theirPage.getByText('Leave this account').click();
  await expect(theirPage.getByText(`You cannot remove yourself. Ask a member who may remove people to do it: ${signedInUser.name}.`)).toBeVisible();
  await theirPage.context().close();
});

for (const size of PHONE_AND_DESKTOP) {
  test(`one row menu is open at a time, every item of it can be clicked, and a pending row says when it expires, on ${size.name}`, async ({
    page, browser, signedInUser,
  }, testInfo) => {
    test.setTimeout(60_000);
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountId = await createAccount(page, 'Menus Co');
    const member = freshUser();
    const theirPage = await secondBrowser(browser, testInfo);
    await signUp(theirPage, member);
    await theirPage.context().close();
    addMember(accountId, member.email);
    const invitee = freshUser().email;
    const panel = new InvitationsPanel(page);
    await panel.invite(invitee);
    await expect(panel.result(invitee)).toContainText('Invited');
    await page.goto(`/accounts/${accountId}`);
    await expect(panel.pendingRow(invitee)).toContainText('expires in 2 days');

    // The invitation's menu (the row below the member's on the page or not), then the member's.
    const invitationMenu = await openActions(page, invitee);
    const memberMenu = await openActions(page, member.name);
    await expect(invitationMenu).not.toHaveAttribute('open', '');
    const remove = page.getByRole('link', { name: `Remove ${member.name}` });
    await remove.click();
    await expect(page.getByRole('alertdialog', { name: 'Remove user access' })).toBeVisible();

    if (jsEnabled(testInfo.project.name)) {
      await page.goto(`/accounts/${accountId}`);
      const menu = await openActions(page, member.name);
      await page.keyboard.press('Escape');
      await expect(menu).not.toHaveAttribute('open', '');
      await openActions(page, member.name);
      await page.getByRole('heading', { level: 1, name: 'Menus Co' }).click();
      await expect(memberMenu).not.toHaveAttribute('open', '');
    }
  });
}
