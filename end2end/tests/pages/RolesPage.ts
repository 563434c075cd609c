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
      // A tick made while the form's island is still hydrating can be reset by it: tick again.
      const box = this.createForm.getByLabel(permission, { exact: true });
      await expect(async () => {
        await box.check({ timeout: 2_000 });
        await expect(box).toBeChecked({ timeout: 500 });
      }).toPass();
    }
    await this.createForm.getByRole('button', { name: 'Create role' }).click();
  }
}
