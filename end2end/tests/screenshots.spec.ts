import * as path from 'node:path';
import { test, expect, freshUser, signUp, jsEnabled, secondBrowser, openActions } from './fixtures';
import { invitationLink, mailedLink } from './mailbox';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { AuthenticatorApp } from './totp';

// The README's pictures, taken from the real app on every run.
const folder = path.resolve(__dirname, '../../docs/screenshots');

test('screenshots of the main pages for the README', async ({ page, browser, homePage, accountPage, signInPage }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'one set of pictures is enough');
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1100, height: 640 });

  await signInPage.goto();
  await page.screenshot({ path: path.join(folder, 'sign-in.png') });

  const user = { ...freshUser(), name: 'Ada Lovelace' };
  await signUp(page, user);
  // Verified, as a user is after their first day: the pictures show the pages, not the banner.
  await page.goto(await mailedLink(user.email, '/verify-address/'));
  await page.getByRole('button', { name: 'Verify my address' }).click();
  await expect(page.getByRole('status')).toContainText('is verified');
  await homePage.goto();
  await homePage.createAccount('Analytical Engines');
  await accountPage.expectOpen('Analytical Engines');
  await homePage.goto();
  await homePage.createAccount('Difference Engines');
  await accountPage.expectOpen('Difference Engines');
  await homePage.goto();
  await expect(homePage.accountLink('Difference Engines')).toBeVisible();
  await page.screenshot({ path: path.join(folder, 'accounts.png') });
  // A product's sign-in through Roster: the account picker and consent, at both widths.
  const signInRequest = new URLSearchParams({
    response_type: 'code',
    client_id: 'clusters-console',
    redirect_uri: `http://127.0.0.1:${Number(process.env.ROSTER_E2E_PORT ?? 3100) + 40}/callback`,
    scope: 'openid email profile',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  await page.goto(`/oauth/decide?${signInRequest}`);
  await expect(page.getByRole('radio', { name: 'Analytical Engines' })).toBeVisible();
  await page.screenshot({ path: path.join(folder, 'sign-in-with-roster.png') });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.screenshot({ path: path.join(folder, 'sign-in-with-roster-phone.png') });
  await page.setViewportSize({ width: 1100, height: 640 });
  await homePage.goto();

  await homePage.accountLink('Analytical Engines').click();
  await accountPage.expectOpen('Analytical Engines');
  const invitee = { ...freshUser(), name: 'Charles Babbage' };
  await new InvitationsPanel(page).invite(`${invitee.email}, ${freshUser().email}`, 'Admin');
  await expect(page.getByRole('heading', { name: '2 of 2 invited' })).toBeVisible();
  await page.screenshot({ path: path.join(folder, 'account.png'), fullPage: true });
  // A dialog open, where it opens: at a desktop width and on a phone.
  await openActions(page, invitee.email);
  await page.getByRole('link', { name: `Revoke the invitation to ${invitee.email}` }).click();
  const revoke = page.getByRole('alertdialog', { name: /Revoke/ });
  await expect(revoke).toBeInViewport();
  await page.screenshot({ path: path.join(folder, 'account-dialog.png') });
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(revoke).toBeInViewport();
  await page.screenshot({ path: path.join(folder, 'account-phone.png') });
  await page.setViewportSize({ width: 1100, height: 640 });
  // The dialog is modal: the page behind it answers again once it is closed.
  await page.keyboard.press('Escape');
  await expect(revoke).toHaveCount(0);

  // The invitee's side: the page behind the mailed link, then the banner.
  const theirPage = await secondBrowser(browser, testInfo);
  await theirPage.setViewportSize({ width: 1100, height: 640 });
  await theirPage.goto(await invitationLink(invitee.email));
  await expect(theirPage.getByRole('heading', { name: 'Join Analytical Engines' })).toBeVisible();
  await theirPage.screenshot({ path: path.join(folder, 'invitation.png') });
  await theirPage.getByRole('link', { name: 'Create a user' }).click();
  await theirPage.getByLabel('Display name').fill(invitee.name);
  await theirPage.getByLabel('Password (at least 8 characters)').fill(invitee.password);
  await theirPage.getByRole('button', { name: 'Create user' }).click();
  await expect(theirPage.getByRole('button', { name: 'Accept invitation' })).toBeVisible();
  await theirPage.goto('/');
  await expect(theirPage.getByRole('region', { name: 'Invitations', exact: true })).toBeVisible();
  await theirPage.screenshot({ path: path.join(folder, 'banner.png') });
  await theirPage.context().close();

  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Roles' }).click();
  await page.getByLabel('Role name').fill('Support');
  await page.getByLabel('write:invites', { exact: true }).check();
  await page.getByLabel('read:users', { exact: true }).check();
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Support/ })).toBeVisible();
  await page.goto(page.url().replace(/\/roles\/.*$/, '/roles'));
  await expect(page.getByRole('table', { name: 'Roles' })).toBeVisible();
  await page.screenshot({ path: path.join(folder, 'roles.png'), fullPage: true });
  await page.getByRole('link', { name: 'Support', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Support/ })).toBeVisible();
  await page.screenshot({ path: path.join(folder, 'role-details.png'), fullPage: true });
});

test('screenshots of the second factor for the README, at a desktop and a phone width', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'one set of pictures is enough');
  test.setTimeout(90_000);
  const user = freshUser();
  await signUp(page, user);
  for (const [width, suffix] of [[1100, ''], [375, '-phone']] as const) {
    await page.setViewportSize({ width, height: 812 });
    await page.goto('/profile#second-factor-heading');
    const section = page.getByRole('region', { name: 'Second factor' });
    if (suffix === '') {
      await section.getByRole('button', { name: 'Add an authenticator app' }).click();
    }
    await expect(section.getByRole('img', { name: 'QR code of your authenticator key' })).toBeVisible();
    await section.screenshot({ path: path.join(folder, `second-factor-add${suffix}.png`) });
  }
  await page.setViewportSize({ width: 1100, height: 812 });
  const app = new AuthenticatorApp(await page.locator('code.totp-secret').innerText());
  await page.getByLabel('Code the app shows').fill(app.code());
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('region', { name: 'Your recovery codes' })).toBeVisible();
  await page.getByRole('region', { name: 'Second factor' }).screenshot({ path: path.join(folder, 'second-factor-codes.png') });
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in: second factor' })).toBeVisible();
  await page.screenshot({ path: path.join(folder, 'second-factor-sign-in.png') });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: path.join(folder, 'second-factor-sign-in-phone.png') });
});
