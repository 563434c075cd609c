import { expect, type Page } from '@playwright/test';

export class RolePage {
  constructor(private readonly page: Page) {}

  async expectOpen(name: string) {
    await expect(this.page.getByRole('heading', { level: 1, name: new RegExp(`^${escape(name)}`) })).toBeVisible();
  }

  permission(name: string) {
    return this.page.getByRole('tabpanel').getByLabel(name, { exact: true });
  }

  async savePermissions() {
    await this.page.getByRole('button', { name: 'Save permissions' }).click();
  }

  action(name: 'Rename' | 'Duplicate' | 'Delete') {
    return this.page.locator('.role-actions').getByRole('link', { name });
  }

  dialog(name: RegExp | string) {
    return this.page.getByRole('dialog', { name }).or(this.page.getByRole('alertdialog', { name }));
  }

  tab(name: 'Permissions' | 'Users') {
    return this.page.getByRole('tab', { name });
  }
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
