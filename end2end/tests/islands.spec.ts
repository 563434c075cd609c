import { test, expect, freshUser, signUp, jsEnabled } from './fixtures';

test.describe('islands', () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(!jsEnabled(testInfo.project.name), 'islands are what JavaScript adds');
  });

  test('the password field island becomes interactive', async ({ signInPage }) => {
    await signInPage.goto();
    await expect(signInPage.showPasswordButton).toBeVisible();
    await signInPage.passwordInput.fill('secret words');
    await expect(signInPage.passwordInput).toHaveAttribute('type', 'password');
    await signInPage.showPasswordButton.click();
    await expect(signInPage.passwordInput).toHaveAttribute('type', 'text');
    await signInPage.page.getByRole('button', { name: 'Hide password' }).click();
    await expect(signInPage.passwordInput).toHaveAttribute('type', 'password');
  });

  test('a form in an island submits without a full page reload', async ({ page, signInPage, header }) => {
    const user = freshUser();
    await signUp(page, user);
    await header.signOut();
    await signInPage.goto();
    await expect(signInPage.showPasswordButton).toBeVisible(); // hydrated

    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await signInPage.signIn(user.email, 'wrong password here');
    await expect(signInPage.error).toBeVisible();
    const sameDocument = await page.evaluate(
      () => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true,
    );
    expect(sameDocument).toBe(true);
    await expect(page.getByLabel('Email')).toHaveValue(user.email);
  });

  test('without JavaScript the password toggle is not offered', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show password' })).toBeHidden();
    await context.close();
  });
});
