import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, freshUser, signUp, jsEnabled } from './fixtures';

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations on ${what}`).toEqual([]);
}

test('the main pages have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  await page.goto('/sign-in');
  await expectNoViolations(page, 'sign in');
  await page.goto('/sign-up');
  await expectNoViolations(page, 'sign up');

  await signUp(page, freshUser());
  await expectNoViolations(page, 'your accounts');
  await page.getByLabel('Account name').fill('Accessible Org');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessible Org' })).toBeVisible();
  await expectNoViolations(page, 'an account');

  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('table', { name: 'Roles' })).toBeVisible();
  await expectNoViolations(page, 'roles');
  await page.getByRole('link', { name: 'Admin', exact: true }).click();
  await expectNoViolations(page, 'role details');
  await page.getByRole('link', { name: 'Duplicate' }).click();
  await expectNoViolations(page, 'the duplicate dialog');
});
