import { expect, type Page } from '@playwright/test';
import { openActions } from '../fixtures';

/** The invite form, its results and the pending invitations, on an account's page or a role's Users tab. */
export class InvitationsPanel {
  constructor(private readonly page: Page) {}

  async invite(emails: string, role?: string) {
    await this.page.getByLabel('Email addresses').fill(emails);
    if (role) {
      await this.page
        .getByRole('region', { name: /^Invite people/ })
        .getByLabel('Role', { exact: true })
        .selectOption({ label: role });
    }
    await this.page.getByRole('button', { name: 'Send invitations' }).click();
  }

  get results() {
    return this.page.getByRole('status').filter({ has: this.page.getByRole('heading', { name: /invited$/ }) });
  }

  result(email: string) {
    return this.results.getByRole('listitem').filter({ hasText: email });
  }

  pendingRow(email: string) {
    // On an account's page invitations are rows of the members table; on a role's, a table of their own.
    const inMembers = this.page
      .getByRole('table', { name: /^Members and pending invitations/ })
      .getByRole('row')
      .filter({ hasText: email })
      .filter({ hasText: 'Pending invitation' });
    const ownTable = this.page.getByRole('table', { name: /^Pending invitations/ }).getByRole('row').filter({ hasText: email });
    return inMembers.or(ownTable);
  }

  async resend(email: string) {
    await openActions(this.page, email);
    await this.page.getByRole('button', { name: `Resend the invitation to ${email}` }).click();
    await expect(this.page.getByText('Invitation sent again with a new link.')).toBeVisible();
  }

  async revoke(email: string) {
    await openActions(this.page, email);
    await this.page.getByRole('link', { name: `Revoke the invitation to ${email}` }).click();
    const dialog = this.page.getByRole('alertdialog', { name: `Revoke the invitation to ${email}?` });
    await expect(dialog).toContainText('will stop working');
    await dialog.getByRole('button', { name: 'Revoke invitation' }).click();
    await expect(this.page.getByText('Invitation revoked.')).toBeVisible();
  }
}
