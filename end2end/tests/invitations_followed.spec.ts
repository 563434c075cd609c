import { test, expect, freshUser, createAccount, secondBrowser, openActions, PHONE_AND_DESKTOP, jsEnabled, expectModal } from './fixtures';
import { invitationLink } from './mailbox';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { InvitationPage } from './pages/InvitationPage';
import { expireInvitation, setMailDelivery } from './seed';

for (const size of PHONE_AND_DESKTOP) {
  test(`a refused invitation says what the server said, is sent to a corrected address, and a link is copied to hand over, on ${size.name}`, async ({
    page, browser, signedInUser,
  }, testInfo) => {
    test.setTimeout(60_000);
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountId = await createAccount(page, 'Followed Co');
    const panel = new InvitationsPanel(page);
    const [wrong, right, other] = [freshUser(), freshUser(), freshUser()];
    await panel.invite(`${wrong.email} ${other.email}`);
    // The invite's answer lands before anything else happens on the page.
    await expect(panel.result(other.email)).toContainText('Invited');
    // With no SMTP server set, a mail counts as sent once it is in the mail folder.
    await invitationLink(other.email);
    await page.reload();
    await expect(panel.pendingRow(other.email)).toContainText('Mail accepted: written to the mail folder');

    // The recipient's server refused it (as the SMTP test proves for real): the row says so.
    await invitationLink(wrong.email);
    setMailDelivery(accountId, wrong.email, 'failed', '550 5.1.1 <x>: Recipient address rejected: User unknown');
    await page.reload();
    await expect(panel.pendingRow(wrong.email)).toContainText('Mail refused: 550 5.1.1 <x>: Recipient address rejected: User unknown');
    await openActions(page, wrong.email);
    await page.getByRole('link', { name: `Edit address and resend the invitation to ${wrong.email}` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit the address of the invitation to ${wrong.email}` });
    await expect(dialog).toBeInViewport();
    if (jsEnabled(testInfo.project.name)) await expectModal(dialog);
    await expect(dialog).toContainText('Mail refused: 550');
    await dialog.getByLabel('Email address').fill(signedInUser.email);
    await dialog.getByRole('button', { name: 'Send to this address' }).click();
    // A member's address is refused, next to the field, with what was typed kept.
    const again = page.getByRole('dialog', { name: `Edit the address of the invitation to ${wrong.email}` });
    await expect(again.getByText('Already a member of this account.')).toBeVisible();
    await expect(again.getByLabel('Email address')).toHaveValue(signedInUser.email);
    await again.getByLabel('Email address').fill(right.email);
    await again.getByRole('button', { name: 'Send to this address' }).click();
    await expect(page.getByText('Invitation sent to the new address with a new link.')).toBeVisible();
    await expect(panel.pendingRow(right.email)).toBeVisible();
    await expect(panel.pendingRow(wrong.email)).toHaveCount(0);
    const mailed = await invitationLink(right.email);

    // Copy link: a fresh link, shown once; the mailed one stops working.
    await openActions(page, right.email);
    await page.getByRole('button', { name: `Copy link to the invitation for ${right.email}` }).click();
    const handed = page.getByRole('region', { name: `A link to hand to ${right.email}` });
    await expect(handed).toBeVisible();
    const copied = await handed.getByLabel(`The invitation link for ${right.email}`).inputValue();
    expect(copied).toMatch(/\/invitations\/[A-Za-z0-9_-]+$/);
    expect(copied).not.toEqual(mailed);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expect(panel.pendingRow(right.email)).toContainText('Link copied to hand over, no mail sent');
    await page.reload();
    await expect(page.getByRole('region', { name: `A link to hand to ${right.email}` })).toHaveCount(0);

    const theirPage = await secondBrowser(browser, testInfo);
    const invitation = new InvitationPage(theirPage);
    await invitation.open(mailed);
    await invitation.expectUnavailable();
    await invitation.open(copied);
    await invitation.expectInvitation('Followed Co', { invitedBy: signedInUser.name, roles: 'Base' });
    await theirPage.context().close();
  });
}

test('expired invitations stay listed, greyed with their age, and are all sent again after a confirmation', async ({
  page, signedInUser,
}) => {
  expect(signedInUser).toBeTruthy();
  const accountId = await createAccount(page, 'Lapsed Co');
  const panel = new InvitationsPanel(page);
  const [first, second] = [freshUser(), freshUser()];
  await panel.invite(`${first.email} ${second.email}`);
  await expect(panel.result(second.email)).toContainText('Invited');
  await invitationLink(first.email);
  await invitationLink(second.email);
  expireInvitation(accountId, first.email, 3);
  expireInvitation(accountId, second.email, 1);
  await page.reload();
  const expired = page.getByRole('table', { name: 'Expired invitations (2)' });
  await expect(expired.getByRole('row').filter({ hasText: first.email })).toContainText('expired 3 days ago');
  await expect(panel.pendingRow(first.email)).toHaveCount(0);

  await page.getByRole('link', { name: 'Resend all expired' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Resend all 2 expired invitations?' });
  await expect(dialog).toBeInViewport();
  await dialog.getByRole('button', { name: 'Resend all' }).click();
  await expect(page.getByText('The expired invitations were sent again, each with a new link.')).toBeVisible();
  await expect(expired).toHaveCount(0);
  await expect(panel.pendingRow(first.email)).toBeVisible();
  await expect(panel.pendingRow(second.email)).toBeVisible();
  await invitationLink(first.email, 2);
});
