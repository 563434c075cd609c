import { test, expect, freshUser, signUp, jsEnabled, createAccount } from './fixtures';

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

  test('a page without islands fetches no WebAssembly, and a page with them fetches it once', async ({
    page,
    signedInUser,
  }) => {
    test.setTimeout(60_000);
    const name = `Files ${signedInUser.name}`;
    const accountId = await createAccount(page, name);
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (/\.(wasm|js)$/.test(new URL(request.url()).pathname)) fetched.push(new URL(request.url()).pathname);
    });
    // The audit log has no island: nothing but the page and its stylesheet.
    await page.goto(`/accounts/${accountId}/audit`);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(fetched).toEqual([]);

    // The account page has the search island: its script and WebAssembly, each named by its hash.
    await page.goto(`/accounts/${accountId}`);
    await expectSearchAsYouType(page);
    const wasm = fetched.filter((path) => path.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/^\/pkg\/roster\.[A-Za-z0-9_-]{22}\.wasm$/);
    const response = await page.request.get(wasm[0]);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
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

/** Waits until the account page's search island answers as you type (it has hydrated). */
async function expectSearchAsYouType(page: import('@playwright/test').Page) {
  const stranger = freshUser().email;
  const box = page.getByRole('combobox', { name: 'Name or email' });
  const hit = page.getByRole('listbox', { name: 'Matching users' }).getByRole('option').filter({ hasText: stranger });
  // Keys typed while the island is still hydrating can be reset by it: type again until it answers.
  await expect(async () => {
    await box.fill('');
    await box.pressSequentially(stranger, { delay: 20 });
    await expect(hit.getByRole('button', { name: 'Invite' })).toBeVisible({ timeout: 4_000 });
  }).toPass({ timeout: 30_000 });
}
