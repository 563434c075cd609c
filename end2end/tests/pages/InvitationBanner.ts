import { type Page } from '@playwright/test';

/** The banner at the top of every page with the signed-in user's pending invitations. */
export class InvitationBanner {
  constructor(private readonly page: Page) {}

  get region() {
    return this.page.getByRole('region', { name: 'Invitations', exact: true });
  }

  accept(account: string) {
    return this.region.getByRole('button', { name: `Accept the invitation to ${account}` }).click();
  }

  decline(account: string) {
    return this.region.getByRole('button', { name: `Decline the invitation to ${account}` }).click();
  }
}
