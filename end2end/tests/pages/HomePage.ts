import { expect, type Page } from '@playwright/test';

export class HomePage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole('heading', { name: 'Your accounts' });
  }

  accountLink(name: string) {
    return this.page.getByRole('main').getByRole('link', { name });
  }

  async createAccount(name: string) {
    await this.page.getByLabel('Account name').fill(name);
    await this.page.getByRole('button', { name: 'Create account' }).click();
  }
}
