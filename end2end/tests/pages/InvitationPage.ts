import { expect, type Page } from '@playwright/test';

/** The page behind the link in an invitation mail. */
export class InvitationPage {
  constructor(private readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(link);
  }

  async expectInvitation(account: string, details: { invitedBy: string; roles: string }) {
    await expect(this.page.getByRole('heading', { level: 1, name: `Join ${account}` })).toBeVisible();
    await expect(this.page.getByRole('definition').filter({ hasText: details.invitedBy })).toBeVisible();
    await expect(this.page.getByRole('definition').filter({ hasText: details.roles })).toBeVisible();
  }

  async expectUnavailable() {
    await expect(this.page.getByRole('heading', { level: 1, name: 'This invitation link does not work' })).toBeVisible();
  }

  /** Follows "Create a user": the invited address is filled in already. */
  async signUp(email: string, user: { name: string; password: string }) {
    await this.page.getByRole('link', { name: 'Create a user' }).click();
    await expect(this.page.getByLabel('Email')).toHaveValue(email);
    await this.page.getByLabel('Display name').fill(user.name);
    await this.page.getByLabel('Password (at least 8 characters)').fill(user.password);
    await this.page.getByRole('button', { name: 'Create user' }).click();
  }

  async accept() {
    await this.page.getByRole('button', { name: 'Accept invitation' }).click();
  }

  async decline() {
    await this.page.getByRole('main').getByRole('button', { name: 'Decline' }).click();
  }
}
