import { test, expect, createAccount, freshUser, openActions, secondBrowser, signUp, PHONE_AND_DESKTOP } from './fixtures';
import { addMember } from './seed';

for (const size of PHONE_AND_DESKTOP) {
  test(`an API key is created (its secret shown once), answers a permission check, and is refused once revoked, on ${size.name}`, async ({
    page, signedInUser, request,
  }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountId = await createAccount(page, 'Keyed Co');
    await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'API keys' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
    await expect(page.getByText('No keys yet.')).toBeVisible();

    // Nothing chosen: refused, with the name kept.
    await page.getByLabel('Key name').fill('ci-bot');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByText('Choose at least one permission for the key.').first()).toBeVisible();
    await expect(page.getByLabel('Key name')).toHaveValue('ci-bot');

    await page.getByRole('checkbox', { name: /^read:users/ }).check();
    await page.getByLabel('Works for').selectOption({ label: '30 days' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const ready = page.getByRole('region', { name: 'The key “ci-bot” is ready' });
    await expect(ready).toBeVisible();
    const secret = (await ready.getByLabel("The new key's secret").textContent())!.trim();
    expect(secret).toMatch(/^roster_[0-9A-Za-z]{43}$/);
    const row = page.getByRole('table', { name: /API keys/ }).getByRole('row').filter({ hasText: 'ci-bot' });
    await expect(row).toContainText('read:users');
    await expect(row).toContainText('Never');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // Shown once: the page says nothing of it again.
    await page.reload();
    await expect(page.getByRole('region', { name: 'The key “ci-bot” is ready' })).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    const check = () =>
      request.post(`/api/v1/accounts/${accountId}/check`, {
        headers: { authorization: `Bearer ${secret}` },
        data: { user: signedInUser.email, permission: 'read:users' },
      });
    const allowed = await check();
    expect(allowed.status()).toBe(200);
    expect(await allowed.json()).toEqual({ allowed: true, via_roles: ['Owner'] });
    await page.reload();
    await expect(row).not.toContainText('Never');

    await page.getByRole('link', { name: 'Revoke the key ci-bot' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Revoke the key “ci-bot”?' });
    await expect(dialog).toBeInViewport();
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect(page.getByRole('status')).toHaveText('API key revoked. Programs using it are refused from now on.');
    await expect(row).toContainText('Revoked');
    const refused = await check();
    expect(refused.status()).toBe(401);
    expect(refused.headers()['content-type']).toBe('application/problem+json');
  });
}

for (const size of PHONE_AND_DESKTOP) {
  test(`a removed member's key is named in the removal, refused saying why, and works again once adopted, on ${size.name}`, async ({
    page, browser, signedInUser, request,
  }, testInfo) => {
    test.setTimeout(90_000);
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountId = await createAccount(page, 'Delegated Co');
    const maker = freshUser();
    const makerPage = await secondBrowser(browser, testInfo);
    await signUp(makerPage, maker);
    addMember(accountId, maker.email, ['write:api_keys', 'read:users']);
    await makerPage.goto(`/accounts/${accountId}/api-keys`);
    await makerPage.getByLabel('Key name').fill('deploy-bot');
    await makerPage.getByRole('checkbox', { name: 'read:users', exact: true }).check();
    await makerPage.getByRole('button', { name: 'Create key' }).click();
    const ready = makerPage.getByRole('region', { name: 'The key “deploy-bot” is ready' });
    const secret = (await ready.getByLabel("The new key's secret").textContent())!.trim();
    await makerPage.context().close();
    const check = () =>
      request.post(`/api/v1/accounts/${accountId}/check`, {
        headers: { authorization: `Bearer ${secret}` },
        data: { user: signedInUser.email, permission: 'read:users' },
      });
    expect((await check()).status()).toBe(200);

    await page.goto(`/accounts/${accountId}`);
    await openActions(page, maker.name);
    await page.getByRole('link', { name: `Remove ${maker.name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove user access' });
    await expect(dialog).toContainText('Their API key “deploy-bot” stops working with them');
    await dialog.getByRole('button', { name: 'Remove user access' }).click();
    await expect(page.getByText('Member removed.')).toBeVisible();
    const refused = await check();
    expect(refused.status()).toBe(403);
    expect((await refused.json()).detail).toContain('no longer in the account');

    await page.goto(`/accounts/${accountId}/api-keys`);
    const row = page.getByRole('table', { name: /API keys/ }).getByRole('row').filter({ hasText: 'deploy-bot' });
    await expect(row).toContainText('Suspended');
    await row.getByRole('button', { name: 'Adopt the key deploy-bot' }).click();
    await expect(page.getByRole('status')).toContainText('API key adopted.');
    await expect(row).not.toContainText('Suspended');
    expect((await check()).status()).toBe(200);
  });
}
