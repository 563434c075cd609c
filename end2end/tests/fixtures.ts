import { test as base, expect, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { AccountPage } from './pages/AccountPage';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { SiteHeader } from './pages/SiteHeader';

export type TestUser = { email: string; name: string; password: string };

/** The phone and desktop sizes every flow is tried at. */
export const PHONE_AND_DESKTOP = [
  { name: 'a phone', width: 375, height: 812 },
  { name: 'a desktop', width: 1280, height: 800 },
];

/** Whether the dialog is in the top layer, with the page behind it inert. */
export function isModal(dialog: Locator) {
  return dialog.evaluate((element) => element.matches(':modal'));
}

/** Waits until the dialog the island opens has become modal (once the island has hydrated). */
export async function expectModal(dialog: Locator) {
  await expect.poll(() => isModal(dialog), { timeout: 10_000 }).toBe(true);
}

/** A user nobody else has used: every test starts from its own. */
export function freshUser(): TestUser {
  const id = randomUUID().slice(0, 8);
  return { email: `user-${id}@example.test`, name: `Person ${id}`, password: `pw-${randomUUID()}` };
}

type Pages = {
  signUpPage: SignUpPage;
  signInPage: SignInPage;
  homePage: HomePage;
  accountPage: AccountPage;
  header: SiteHeader;
  /** Signs up a fresh user through the UI and lands on the home page. */
  signedInUser: TestUser;
  /** Fails the test when the page's Content-Security-Policy blocked anything. */
  noPolicyViolations: void;
};

export const test = base.extend<Pages>({
  signUpPage: async ({ page }, use) => use(new SignUpPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  homePage: async ({ page }, use) => use(new HomePage(page)),
  accountPage: async ({ page }, use) => use(new AccountPage(page)),
  header: async ({ page }, use) => use(new SiteHeader(page)),
  noPolicyViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to (execute|load|apply|connect|compile)/i.test(message.text())) {
          violations.push(`${page.url()}: ${message.text()}`);
        }
      });
      await use();
      expect(violations, 'the page broke its own Content-Security-Policy').toEqual([]);
    },
    { auto: true },
  ],
  signedInUser: async ({ page }, use) => {
    const user = freshUser();
    await signUp(page, user);
    await use(user);
  },
});

export async function signUp(page: Page, user: TestUser) {
  const signUpPage = new SignUpPage(page);
  await signUpPage.goto();
  await signUpPage.signUp(user);
  await expect(new HomePage(page).heading).toBeVisible();
}

/** Creates an account from the home page and returns its id. */
export async function createAccount(page: Page, name: string) {
  await page.goto('/');
  await page.getByLabel('Account name').fill(name);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return page.url().split('/accounts/')[1];
}

/** A second person's browser, with the same JavaScript setting as the test's project. */
export async function secondBrowser(browser: Browser, testInfo: TestInfo) {
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  return context.newPage();
}

/** Opens the Actions menu of the row for `subject`: a member's name or an invitation's address. */
export async function openActions(page: Page, subject: string) {
  const escaped = subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const menu = page.locator('details.actions-menu').filter({
    has: page.locator('summary', { hasText: new RegExp(`^Actions for ${escaped}$`) }),
  });
  await menu.locator('summary').click();
  await expect(menu).toHaveAttribute('open', '');
  return menu;
}

export function jsEnabled(projectName: string) {
  return projectName === 'with-js';
}

export { expect };
