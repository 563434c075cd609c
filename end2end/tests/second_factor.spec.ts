import { test, expect, PHONE_AND_DESKTOP } from './fixtures';
import { AuthenticatorApp } from './totp';
import { SecondFactorPage } from './pages/SecondFactorPage';
import { SignInPage } from './pages/SignInPage';
import { SiteHeader } from './pages/SiteHeader';

for (const size of PHONE_AND_DESKTOP) {
  test(`an authenticator app is added from the profile, and signing in asks for its code or a recovery code, on ${size.name}`, async ({
    page, signedInUser,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/profile');
    const section = page.getByRole('region', { name: 'Second factor' });
    await section.getByRole('button', { name: 'Add an authenticator app' }).click();
    await expect(section.getByRole('img', { name: 'QR code of your authenticator key' })).toBeVisible();
    const app = new AuthenticatorApp(await section.locator('code.totp-secret').innerText());

    await section.getByLabel('Code the app shows').fill('000000');
    await section.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByText(/That code is not right/).first()).toBeVisible();
    await page.getByRole('region', { name: 'Second factor' }).getByLabel('Code the app shows').fill(app.code());
    await page.getByRole('region', { name: 'Second factor' }).getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByRole('status')).toContainText('Authenticator app added.');
    const codes = page.getByRole('region', { name: 'Your recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    const recoveryCode = await codes.nth(4).innerText();
    await page.reload();
    await expect(page.getByRole('region', { name: 'Your recovery codes' })).toHaveCount(0);
    await expect(page.getByText('10 recovery codes left.')).toBeVisible();

    // The password alone: the second step, signed in as nobody.
    await new SiteHeader(page).signOut();
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(signedInUser.email, signedInUser.password);
    const second = new SecondFactorPage(page);
    await expect(second.heading).toBeVisible();
    await page.goto('/profile');
    await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
    await signIn.goto();
    await signIn.signIn(signedInUser.email, signedInUser.password);
    await second.signInWithCode(app.code());
    await expect(page.getByRole('link', { name: signedInUser.name })).toBeVisible();
    await page.goto('/profile');
    await expect(page.getByRole('table', { name: /Your sessions/ })).toContainText('password + authenticator code');

    // A lost phone: a recovery code, once.
    await new SiteHeader(page).signOut();
    await signIn.goto();
    await signIn.signIn(signedInUser.email, signedInUser.password);
    await second.signInWithRecoveryCode(recoveryCode);
    await expect(page.getByRole('status')).toContainText('You signed in with a recovery code');
    await expect(page.getByText('9 recovery codes left.')).toBeVisible();
  });
}
