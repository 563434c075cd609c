import { expect, type Page } from '@playwright/test';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/sign-in');
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Sign in' });
  }

  get passwordInput() {
    return this.page.getByLabel('Password', { exact: true });
  }

  get showPasswordButton() {
    return this.page.getByRole('button', { name: 'Show password' });
  }

  get error() {
    return this.page.getByRole('alert');
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.passwordInput.fill(password);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
}
