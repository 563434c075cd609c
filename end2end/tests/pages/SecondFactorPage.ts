import { expect, type Page } from '@playwright/test';

/** The second step of a sign-in: a code from the app, or a recovery code. */
export class SecondFactorPage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Sign in: second factor' });
  }

  async signInWithCode(code: string) {
    await expect(this.heading).toBeVisible();
    await this.page.getByLabel('Code from your authenticator app').fill(code);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async signInWithRecoveryCode(code: string) {
    await expect(this.heading).toBeVisible();
    await this.page.getByText('Lost your phone? Use a recovery code').click();
    await this.page.getByLabel('Recovery code').fill(code);
    await this.page.getByRole('button', { name: 'Sign in with a recovery code' }).click();
  }
}
