import type { Browser, Page } from '@playwright/test';
import { test, expect, freshUser, signUp, jsEnabled, PHONE_AND_DESKTOP } from './fixtures';
import { SignInPage } from './pages/SignInPage';
import { SiteHeader } from './pages/SiteHeader';
import { SecondFactorPage } from './pages/SecondFactorPage';

// Browsers take no IP address as a passkey's site: these tests use Roster at localhost (the
// server names its loopback public URL so), in a context of their own.
const port = Number(process.env.ROSTER_E2E_PORT ?? 3100);
const localhost = `http://localhost:${port}`;

/** A page at localhost whose browser holds Chromium's virtual authenticator: a platform
 * passkey store that verifies its user (as a fingerprint would) and answers at once. */
async function withAuthenticator(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ baseURL: localhost, viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return page;
}

for (const size of PHONE_AND_DESKTOP) {
  test(`a passkey is added from the profile, signs in alone, and serves after the password, on ${size.name}`, async ({
    browser,
  }, testInfo) => {
    test.skip(!jsEnabled(testInfo.project.name), 'passkeys need script: the WebAuthn API is JavaScript');
    test.setTimeout(90_000);
    const page = await withAuthenticator(browser, size);
    const user = freshUser();
    await signUp(page, user);

    await page.goto('/profile');
    const passkeys = page.getByRole('region', { name: 'Passkeys' });
    await expect(passkeys).toContainText('No passkeys yet.');
    const hostileName = 'Laptop </td><script>alert(1)</script>';
    await passkeys.getByLabel('Name of the new passkey').fill(hostileName);
    await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(page.getByRole('status')).toContainText('Passkey added.');
    const listed = page.getByRole('table', { name: 'Your passkeys' });
    await expect(listed.getByRole('cell', { name: hostileName })).toBeVisible();

    // One touch: no address, no password.
    await new SiteHeader(page).signOut();
    await new SignInPage(page).goto();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expect(page.getByRole('link', { name: user.name })).toBeVisible();
    await page.goto('/profile');
    await expect(page.getByRole('table', { name: /Your sessions/ })).toContainText('passkey');
    await expect(page.getByRole('table', { name: 'Your passkeys' })).not.toContainText('Never');

    // A password alone now leads to the second step, where the passkey finishes it.
    await new SiteHeader(page).signOut();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(user.email, user.password);
    const second = new SecondFactorPage(page);
    await expect(second.heading).toBeVisible();
    await expect(page.getByLabel('Code from your authenticator app')).toHaveCount(0);
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await expect(page.getByRole('link', { name: user.name })).toBeVisible();

    // Removed (with the password), it no longer signs in, and the password alone does again.
    await page.goto('/profile');
    await page.getByLabel('Passkey', { exact: true }).selectOption({ label: hostileName });
    await page.getByRole('region', { name: 'Passkeys' }).getByLabel('Current password').fill(user.password);
    await page.getByRole('button', { name: 'Remove passkey' }).click();
    await expect(page.getByRole('status')).toContainText('Passkey removed.');
    await new SiteHeader(page).signOut();
    await new SignInPage(page).goto();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await expect(page.getByRole('alert')).toContainText('does not sign anyone in here');
    await signIn.signIn(user.email, user.password);
    await expect(page.getByRole('link', { name: user.name })).toBeVisible();
    await page.context().close();
  });
}

test('without script, the passkey buttons are not offered and the page says why', async ({ page, signedInUser }, testInfo) => {
  test.skip(jsEnabled(testInfo.project.name), 'the JavaScript project uses passkeys above');
  await page.goto('/profile');
  await expect(page.getByRole('button', { name: 'Add a passkey' })).toHaveCount(0);
  await expect(page.getByText('Adding a passkey needs JavaScript in this browser.')).toBeVisible();
  await new SiteHeader(page).signOut();
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in with a passkey' })).toHaveCount(0);
  expect(signedInUser.email).toContain('@');
});
