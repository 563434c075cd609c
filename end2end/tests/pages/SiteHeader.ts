import { expect, type Page } from '@playwright/test';

export class SiteHeader {
  constructor(private readonly page: Page) {}

  get banner() {
    return this.page.getByRole('banner');
  }

  async expectSignedInAs(name: string) {
    await expect(this.banner.getByText(name)).toBeVisible();
  }

  async signOut() {
    await this.banner.getByRole('button', { name: 'Sign out' }).click();
  }

  async switchTo(accountName: string) {
    await this.banner.locator('details.switcher > summary').click();
    await this.banner
      .getByRole('navigation', { name: 'Your accounts' })
      .getByRole('link', { name: accountName })
      .click();
  }
}
