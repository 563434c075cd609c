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

  test('what is ticked or typed before the islands wake is kept when they do', async ({ page, signedInUser }) => {
    test.setTimeout(90_000);
    const accountId = await createAccount(page, `Early ${signedInUser.name}`);
    // The WebAssembly arrives late, as on a slow link: the page is usable before it wakes.
    let release: () => void = () => {};
    const arrived = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\.wasm$/, async (route) => {
      await arrived;
      await route.continue();
    });
    await page.goto(`/accounts/${accountId}/roles`);
    const form = page.getByRole('region', { name: 'Create a role' });
    await form.getByLabel('read:audit_log', { exact: true }).check();
    await form.getByLabel('Role name').fill('Early bird');
    const woke = page.waitForResponse(/\.wasm$/);
    release();
    await woke;
    // Awake: ticking a write now ticks its read by itself.
    await form.getByLabel('write:roles', { exact: true }).check();
    await expect(form.getByLabel('read:roles', { exact: true })).toBeChecked({ timeout: 15_000 });
    await expect(form.getByLabel('read:audit_log', { exact: true })).toBeChecked();
    await form.getByRole('button', { name: 'Create role' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Early bird/ })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('tabpanel').getByLabel('read:audit_log', { exact: true })).toBeChecked();
    await expect(page.getByRole('tabpanel').getByLabel('write:roles', { exact: true })).toBeChecked();

    await page.goto(`/accounts/${accountId}`);
    const box = page.getByRole('combobox', { name: 'Name or email' });
    const stranger = freshUser().email;
    await box.pressSequentially(stranger);
    await expect(page.getByRole('listbox', { name: 'Matching users' }).getByRole('option').filter({ hasText: stranger }))
      .toBeVisible({ timeout: 30_000 });
    await expect(box).toHaveValue(stranger);
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
  // Typed whenever the page is ready to take keys: the island keeps what it finds when it wakes.
  await box.pressSequentially(stranger, { delay: 20 });
  await expect(hit.getByRole('button', { name: 'Invite' })).toBeVisible({ timeout: 30_000 });
}
