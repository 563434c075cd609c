import { test, expect, freshUser, createAccount, secondBrowser, signUp } from './fixtures';
import { invitationLink, mailsTo } from './mailbox';
import { InvitationBanner } from './pages/InvitationBanner';
import { InvitationPage } from './pages/InvitationPage';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { AccountPage } from './pages/AccountPage';
import { RolePage } from './pages/RolePage';
import { RolesPage } from './pages/RolesPage';

test('an invitee signs up from the mailed link, accepts from the banner and joins with the role', async ({
  page, browser, signedInUser,
}, testInfo) => {
  await createAccount(page, 'Invite Co');
  const panel = new InvitationsPanel(page);
  const invitee = freshUser();
  await panel.invite(invitee.email, 'Admin');
  await expect(panel.result(invitee.email)).toContainText('Invited');
  await expect(panel.pendingRow(invitee.email)).toContainText('Admin');
  await expect(panel.pendingRow(invitee.email)).toContainText(signedInUser.name);

  const link = await invitationLink(invitee.email);
  const theirPage = await secondBrowser(browser, testInfo);
  const invitation = new InvitationPage(theirPage);
  await invitation.open(link);
  await invitation.expectInvitation('Invite Co', { invitedBy: signedInUser.name, roles: 'Admin, Base' });
  await invitation.signUp(invitee.email, invitee);
  // Back on the link, now signed in as the invitee; the banner waits on every other page.
  await invitation.expectInvitation('Invite Co', { invitedBy: signedInUser.name, roles: 'Admin, Base' });
  await theirPage.goto('/');
  const banner = new InvitationBanner(theirPage);
  await expect(banner.region).toContainText(`${signedInUser.name} invited you to join Invite Co`);
  await banner.accept('Invite Co');

  const theirAccount = new AccountPage(theirPage);
  await theirAccount.expectOpen('Invite Co');
  await theirAccount.expectMemberWithRole(invitee.email, 'Admin');
  await expect(banner.region).toHaveCount(0);

  await page.reload();
  await new AccountPage(page).expectMemberWithRole(invitee.email, 'Admin');
  await expect(panel.pendingRow(invitee.email)).toHaveCount(0);
  await theirPage.context().close();
});

test('an invitee who already has a user signs in from the link and accepts there', async ({
  page, browser, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  const theirPage = await secondBrowser(browser, testInfo);
  const invitee = freshUser();
  await signUp(theirPage, invitee);
  await createAccount(page, 'Sign In Co');
  await new InvitationsPanel(page).invite(invitee.email);

  const invitation = new InvitationPage(theirPage);
  await invitation.open(await invitationLink(invitee.email));
  await invitation.accept();
  await new AccountPage(theirPage).expectMemberWithRole(invitee.email, 'Base');
  // Used once, the link is dead.
  await invitation.open(await invitationLink(invitee.email));
  await expect(theirPage.getByText('You have already accepted this invitation.')).toBeVisible();
  await theirPage.context().close();
});

test('declining an invitation makes no member and leaves the admin free to invite again', async ({
  page, browser, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'Decline Co');
  const panel = new InvitationsPanel(page);
  const invitee = freshUser();
  await panel.invite(invitee.email);
  const theirPage = await secondBrowser(browser, testInfo);
  await signUp(theirPage, invitee);
  const invitation = new InvitationPage(theirPage);
  await invitation.open(await invitationLink(invitee.email));
  await invitation.decline();
  await expect(theirPage.getByText('You declined the invitation.')).toBeVisible();
  await expect(theirPage.getByText('Decline Co')).toHaveCount(0);

  await page.reload();
  await expect(panel.pendingRow(invitee.email)).toHaveCount(0);
  await expect(new AccountPage(page).memberRow(invitee.email)).toHaveCount(0);
  await panel.invite(invitee.email);
  await expect(panel.result(invitee.email)).toContainText('Invited');
  await theirPage.context().close();
});

test('a revoked invitation link shows a clear page instead of the invitation', async ({
  page, browser, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'Revoke Co');
  const panel = new InvitationsPanel(page);
  const invitee = freshUser();
  await panel.invite(invitee.email);
  const link = await invitationLink(invitee.email);
  await panel.revoke(invitee.email);
  await expect(panel.pendingRow(invitee.email)).toHaveCount(0);

  const theirPage = await secondBrowser(browser, testInfo);
  const invitation = new InvitationPage(theirPage);
  await invitation.open(link);
  await invitation.expectUnavailable();
  await expect(theirPage.getByText('Ask the person who invited you')).toBeVisible();
  await theirPage.context().close();
});

test('resending mails a new link that works while the old one stops working', async ({
  page, browser, signedInUser,
}, testInfo) => {
  await createAccount(page, 'Resend Co');
  const panel = new InvitationsPanel(page);
  const invitee = freshUser();
  await panel.invite(invitee.email);
  const oldLink = await invitationLink(invitee.email, 1);
  await panel.resend(invitee.email);
  const newLink = await invitationLink(invitee.email, 2);
  expect(newLink).not.toEqual(oldLink);

  const theirPage = await secondBrowser(browser, testInfo);
  const invitation = new InvitationPage(theirPage);
  await invitation.open(oldLink);
  await invitation.expectUnavailable();
  await invitation.open(newLink);
  await invitation.expectInvitation('Resend Co', { invitedBy: signedInUser.name, roles: 'Base' });
  await theirPage.context().close();

  // Someone signed in with another address is told so, and cannot answer.
  await page.goto(newLink);
  await expect(page.getByRole('alert')).toContainText(
    `You are signed in as ${signedInUser.email}, but this invitation is for ${invitee.email}.`,
  );
  await expect(page.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
});

test('an admin invites from a role\u2019s Users tab and the invitee joins with that role', async ({
  page, browser, signedInUser,
}, testInfo) => {
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'Role Invite Co');
  const roles = new RolesPage(page);
  const role = new RolePage(page);
  await roles.open();
  await roles.createRole('Support', ['read:users']);
  await role.expectOpen('Support');
  await role.tab('Users').click();
  await expect(page.getByText('They join with the role \u201cSupport\u201d (and Base).')).toBeVisible();
  const panel = new InvitationsPanel(page);
  const invitee = freshUser();
  await panel.invite(invitee.email);
  await expect(panel.result(invitee.email)).toContainText('Invited');
  await expect(panel.pendingRow(invitee.email)).toContainText('Support');

  const theirPage = await secondBrowser(browser, testInfo);
  const invitation = new InvitationPage(theirPage);
  await invitation.open(await invitationLink(invitee.email));
  await invitation.signUp(invitee.email, invitee);
  await invitation.accept();
  await new AccountPage(theirPage).expectMemberWithRole(invitee.email, 'Support');

  await page.reload();
  await expect(page.getByRole('table', { name: /Members with this role/ })).toContainText(invitee.email);
  await theirPage.context().close();
});

test('a bulk invite reports each address on its own line, the bad one included', async ({
  page, signedInUser,
}) => {
  await createAccount(page, 'Bulk Co');
  const panel = new InvitationsPanel(page);
  const [a, b] = [freshUser().email, freshUser().email];
  await panel.invite(`${a}, not-an-address\n${b} ${signedInUser.email}`);
  await expect(panel.results.getByRole('heading')).toHaveText('2 of 4 invited');
  await expect(panel.result(a)).toContainText('Invited');
  await expect(panel.result(b)).toContainText('Invited');
  await expect(panel.result('not-an-address')).toContainText('Not a valid email address.');
  await expect(panel.result(signedInUser.email)).toContainText('Already a member');
  await expect(panel.pendingRow(a)).toBeVisible();
  await expect(panel.pendingRow(b)).toBeVisible();
  expect((await invitationLink(b)).length).toBeGreaterThan(40);
});

test('the 51st pending invitation of an account is refused with a clear message', async ({
  page, signedInUser,
}) => {
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'Limit Co');
  const panel = new InvitationsPanel(page);
  const emails = Array.from({ length: 51 }, () => freshUser().email);
  await panel.invite(emails.join('\n'));
  await expect(panel.results.getByRole('heading')).toHaveText('50 of 51 invited');
  await expect(panel.result(emails[50])).toContainText(
    'Not invited: this account already has 50 pending invitations, the most it may hold.',
  );
  await expect(page.getByText('50 of at most 50 pending in this account.')).toBeVisible();
  await panel.invite(freshUser().email);
  await expect(panel.results).toContainText('0 of 1 invited');
  expect(mailsTo(emails[50])).toHaveLength(0);
});

test('an invite without any address is refused next to the field', async ({ page, signedInUser }) => {
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'No Address Co');
  await new InvitationsPanel(page).invite(' , ');
  await expect(page.getByText('Enter at least one email address.')).toBeVisible();
  await expect(page.getByLabel('Email addresses')).toHaveAttribute('aria-invalid', 'true');
});
