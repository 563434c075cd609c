import { test, expect, freshUser, signUp, createAccount, secondBrowser, PHONE_AND_DESKTOP } from './fixtures';
import { mailedLink, mailsTo } from './mailbox';
import { InvitationBanner } from './pages/InvitationBanner';
import { InvitationsPanel } from './pages/InvitationsPanel';

for (const size of PHONE_AND_DESKTOP) {
  test(`sign-up mails a verification link; following it verifies the address, on ${size.name}`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const user = freshUser();
    await signUp(page, user);
    const banner = page.getByRole('region', { name: 'Verify your address.' });
    await expect(banner).toContainText(user.email);

    await page.getByRole('link', { name: user.name }).click();
    await expect(page.getByText('Not verified', { exact: true })).toBeVisible();
    await banner.getByRole('button', { name: 'Send again' }).click();
    await expect(page.getByRole('status')).toHaveText('A new verification link is on its way. The earlier one no longer works.');
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();

    const first = await mailedLink(user.email, '/verify-address/', 1);
    const second = await mailedLink(user.email, '/verify-address/', 2);
    await page.goto(first);
    await expect(page.getByRole('alert')).toContainText('This link no longer works');
    await page.goto(second);
    await page.getByRole('button', { name: 'Verify my address' }).click();
    await expect(page.getByRole('status')).toHaveText(`Your address ${user.email} is verified.`);
    await page.getByRole('link', { name: 'Go to your accounts' }).click();
    await expect(page.getByRole('region', { name: 'Verify your address.' })).toHaveCount(0);
    await page.goto('/profile');
    await expect(page.getByText('Verified', { exact: true })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
}

test('an invitation sent before the address was verified shows in the banner once its own link is opened', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const invitee = freshUser();
  await signUp(page, invitee);

  const owner = await secondBrowser(browser, testInfo);
  await signUp(owner, freshUser());
  await createAccount(owner, 'Verify Ltd');
  const panel = new InvitationsPanel(owner);
  await panel.invite(invitee.email);
  await expect(panel.result(invitee.email)).toContainText('Invited');

  await page.goto('/');
  const invitations = new InvitationBanner(page);
  await expect(invitations.region).toContainText('An invitation is waiting for this address.');
  await expect(invitations.region).not.toContainText('Verify Ltd');

  await page.goto(await mailedLink(invitee.email, '/verify-address/'));
  await page.getByRole('button', { name: 'Verify my address' }).click();
  await expect(page.getByRole('status')).toContainText('is verified');
  // Verified after the invitation was sent: that proves nothing about it, its link does.
  await page.goto('/');
  await expect(invitations.region).toContainText('An invitation is waiting for this address.');
  await page.goto(await mailedLink(invitee.email, '/invitations/'));
  await page.goto('/');
  await expect(invitations.region).toContainText('invited you to join Verify Ltd');
  await invitations.accept('Verify Ltd');
  await expect(page.getByRole('heading', { level: 1, name: 'Verify Ltd' })).toBeVisible();
  await owner.context().close();
});

test('a new address changes only when the link mailed to it is followed', async ({ page, signedInUser }) => {
  test.setTimeout(60_000);
  const newEmail = freshUser().email;
  await page.goto('/profile');
  const address = page.getByRole('region', { name: 'Your address', exact: true });
  await address.getByLabel('New address').fill(newEmail);
  await address.getByLabel('Current password').fill('not the password');
  await address.getByRole('button', { name: 'Send a link to the new address' }).click();
  await expect(page.getByText('That is not your current password.').first()).toBeVisible();
  // What was typed comes back, never the password.
  await expect(page.getByRole('region', { name: 'Your address', exact: true }).getByLabel('New address')).toHaveValue(newEmail);
  await expect(page.getByRole('region', { name: 'Your address', exact: true }).getByLabel('Current password')).toHaveValue('');

  await page.getByRole('region', { name: 'Your address', exact: true }).getByLabel('Current password').fill(signedInUser.password);
  await page.getByRole('region', { name: 'Your address', exact: true }).getByRole('button', { name: 'Send a link to the new address' }).click();
  await expect(page.getByRole('status')).toContainText('A link is on its way to the new address.');
  await expect(page.getByRole('region', { name: 'Your address', exact: true })).toContainText(`A link went to ${newEmail}`);
  await expect(page.getByRole('region', { name: 'Your address', exact: true })).toContainText(signedInUser.email);

  await page.goto(await mailedLink(newEmail, '/confirm-address/'));
  await expect(page.getByRole('main')).toContainText(newEmail);
  await page.getByRole('button', { name: 'Use this address' }).click();
  await expect(page.getByRole('status')).toContainText(`Your address is now ${newEmail}`);
  await page.getByRole('link', { name: 'Go to your profile' }).click();
  await expect(page.getByRole('region', { name: 'Your address', exact: true })).toContainText(newEmail);
  await expect(page.getByRole('region', { name: 'Your address', exact: true }).getByText('Verified', { exact: true })).toBeVisible();
  await expect.poll(() => mailsTo(signedInUser.email).filter((mail) => mail.includes('Your Roster address was changed')).length).toBe(1);
});
