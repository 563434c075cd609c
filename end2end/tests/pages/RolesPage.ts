import { expect, type Page } from '@playwright/test';

export class RolesPage {
  constructor(private readonly page: Page) {}

  async goto(accountId: string) {
    await this.page.goto(`/accounts/${accountId}/roles`);
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Roles' }).click();
    await expect(this.table).toBeVisible();
  }

  get table() {
    return this.page.getByRole('table', { name: 'Roles' });
  }

  row(name: string) {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  get createForm() {
    return this.page.getByRole('region', { name: 'Create a role' });
  }

  async createRole(name: string, permissions: string[]) {
    await this.createForm.getByLabel('Role name').fill(name);
    for (const permission of permissions) {
      await this.createForm.getByLabel(permission, { exact: true }).check();
    }
    await this.createForm.getByRole('button', { name: 'Create role' }).click();
  }
}
