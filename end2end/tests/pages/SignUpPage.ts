import { expect, type Page } from '@playwright/test';

export class SignUpPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/sign-up');
    await expect(this.page.getByRole('heading', { name: 'Create your user' })).toBeVisible();
  }

  async signUp(user: { email: string; name: string; password: string }) {
    await this.page.getByLabel('Email').fill(user.email);
    await this.page.getByLabel('Display name').fill(user.name);
    await this.page.getByLabel('Password (at least 8 characters)').fill(user.password);
    await this.page.getByRole('button', { name: 'Create user' }).click();
  }
}
