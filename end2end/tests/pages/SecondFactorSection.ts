import { expect, type Page } from '@playwright/test';
import { AuthenticatorApp } from '../totp';

/** The profile's Second factor section. */
export class SecondFactorSection {
  constructor(private readonly page: Page) {}

  get region() {
    return this.page.getByRole('region', { name: 'Second factor' });
  }

  /** Adds an authenticator app from the profile; returns the test's app holding its key. */
  async addAuthenticator(): Promise<AuthenticatorApp> {
    await this.page.goto('/profile');
    await this.region.getByRole('button', { name: 'Add an authenticator app' }).click();
    await expect(this.region.getByRole('img', { name: 'QR code of your authenticator key' })).toBeVisible();
    const app = new AuthenticatorApp(await this.region.locator('code.totp-secret').innerText());
    await this.region.getByLabel('Code the app shows').fill(app.code());
    await this.region.getByRole('button', { name: 'Turn on' }).click();
    await expect(this.page.getByRole('status')).toContainText('Authenticator app added.');
    return app;
  }
}
