import { expect, type Page } from '@playwright/test';

export class AccountPage {
  constructor(private readonly page: Page) {}

  async expectOpen(name: string) {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  memberRow(email: string) {
    return this.page.getByRole('row').filter({ hasText: email });
  }

  async expectMemberWithRole(email: string, role: string) {
    await expect(this.memberRow(email).getByText(role, { exact: true })).toBeVisible();
  }
}
