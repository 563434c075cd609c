import * as path from 'node:path';
import { test, expect, freshUser, signUp, jsEnabled } from './fixtures';

// The README's pictures, taken from the real app on every run.
const folder = path.resolve(__dirname, '../../docs/screenshots');

test('screenshots of the main pages for the README', async ({ page, homePage, accountPage, signInPage }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'one set of pictures is enough');
  await page.setViewportSize({ width: 1100, height: 640 });

  await signInPage.goto();
  await page.screenshot({ path: path.join(folder, 'sign-in.png') });

  const user = { ...freshUser(), name: 'Ada Lovelace' };
  await signUp(page, user);
  await homePage.createAccount('Analytical Engines');
  await accountPage.expectOpen('Analytical Engines');
  await homePage.goto();
  await homePage.createAccount('Difference Engines');
  await accountPage.expectOpen('Difference Engines');
  await homePage.goto();
  await expect(homePage.accountLink('Difference Engines')).toBeVisible();
  await page.screenshot({ path: path.join(folder, 'accounts.png') });

  await homePage.accountLink('Analytical Engines').click();
  await accountPage.expectOpen('Analytical Engines');
  await page.screenshot({ path: path.join(folder, 'account.png') });

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
