import { test, expect, freshUser, createAccount, secondBrowser, signUp, openActions, PHONE_AND_DESKTOP } from './fixtures';
import { invitationLink } from './mailbox';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { InvitationPage } from './pages/InvitationPage';
import { addMember } from './seed';

for (const size of PHONE_AND_DESKTOP) {
  test(`removing a member names the invitations they sent and revokes them with the removal, on ${size.name}`, async ({
    page, browser, signedInUser,
  }, testInfo) => {
    test.setTimeout(60_000);
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountId = await createAccount(page, 'Inviter Gone Co');
    const theirPage = await secondBrowser(browser, testInfo);
    const inviter = freshUser();
    await signUp(theirPage, inviter);
    addMember(accountId, inviter.email, ['write:invites']);
    await theirPage.goto(`/accounts/${accountId}`);
    const invitee = freshUser();
    const theirPanel = new InvitationsPanel(theirPage);
    await theirPanel.invite(invitee.email);
    await expect(theirPanel.result(invitee.email)).toContainText('Invited');
    const link = await invitationLink(invitee.email);

    await page.reload();
    await openActions(page, inviter.name);
    await page.getByRole('link', { name: `Remove ${inviter.name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove user access' });
    await expect(dialog).toBeInViewport();
    await expect(dialog).toContainText('They sent 1 invitation that is still pending; it is revoked with the removal:');
    await expect(dialog.getByRole('listitem')).toHaveText(invitee.email);
    await expect(dialog.getByLabel('Keep these invitations pending instead')).not.toBeChecked();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await dialog.getByRole('button', { name: 'Remove user access' }).click();
    await expect(page.getByText('Member removed.')).toBeVisible();
    await expect(new InvitationsPanel(page).pendingRow(invitee.email)).toHaveCount(0);

    const invitation = new InvitationPage(theirPage);
    await invitation.open(link);
    await invitation.expectUnavailable();
    await theirPage.context().close();
  });
}
