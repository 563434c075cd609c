import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, freshUser, signUp, jsEnabled, createAccount, secondBrowser, openActions, expectModal } from './fixtures';
import { invitationLink, mailedLink } from './mailbox';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { expireInvitation, setMailDelivery } from './seed';
import { AuthenticatorApp } from './totp';
import { product } from './oidc/product';

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(found, `accessibility violations on ${what}`).toEqual([]);
}

// Each axe-core pass takes seconds on a busy 2-core machine: a few pages per test, with room.
const AXE_TEST_TIMEOUT = 90_000;

test('the signed-out pages have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  await page.goto('/sign-in');
  await expectNoViolations(page, 'sign in');
  await page.goto('/sign-up');
  await expectNoViolations(page, 'sign up');
});

test('the account pages have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  await signUp(page, freshUser());
  await expectNoViolations(page, 'your accounts');
  await page.getByLabel('Account name').fill('Accessible Org');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessible Org' })).toBeVisible();
  await expectNoViolations(page, 'an account');

  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('table', { name: 'Roles' })).toBeVisible();
  await expectNoViolations(page, 'roles');
  await page.getByRole('link', { name: 'Admin', exact: true }).click();
  await expectNoViolations(page, 'role details');
  await page.getByRole('link', { name: 'Duplicate' }).click();
  await expectModal(page.locator('dialog#dialog')); // axe-core looks at the dialog as it is used
  await expectNoViolations(page, 'the duplicate dialog');
});

test('the account settings and the delete dialog have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  await signUp(page, freshUser());
  const accountId = await createAccount(page, 'Accessible Settings');
  await page.goto(`/accounts/${accountId}/settings`);
  await expectNoViolations(page, 'account settings');
  await page.getByRole('link', { name: 'Delete account…' }).click();
  await expectModal(page.locator('dialog#dialog'));
  await expectNoViolations(page, 'the delete-account dialog');
  await page.goto('/profile');
  await expectNoViolations(page, 'the profile');
  await page.goto(`/accounts/${accountId}/api-keys`);
  await page.getByLabel('Key name').fill('axe-bot');
  await page.getByRole('checkbox', { name: /^read:users/ }).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('region', { name: /is ready/ })).toBeVisible();
  await expectNoViolations(page, 'the API keys page with a new key');
});

test('the second factor on the profile and the second step of a sign-in have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  const user = freshUser();
  await signUp(page, user);
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Add an authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code of your authenticator key' })).toBeVisible();
  await expectNoViolations(page, 'the profile while an authenticator is added');
  const app = new AuthenticatorApp(await page.locator('code.totp-secret').innerText());
  await page.getByLabel('Code the app shows').fill(app.code());
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByRole('region', { name: 'Your recovery codes' })).toBeVisible();
  await expectNoViolations(page, 'the profile with new recovery codes');
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in: second factor' })).toBeVisible();
  await page.getByText('Lost your phone? Use a recovery code').click();
  await expectNoViolations(page, 'the second step of a sign-in');
});

test('the webhooks page with a new endpoint has no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  await signUp(page, freshUser());
  const accountId = await createAccount(page, 'Accessible Hooks');
  await page.goto(`/accounts/${accountId}/webhooks`);
  await expectNoViolations(page, 'the webhooks page, empty');
  // Nothing listens there, and no event is sent: the page only shows the endpoint.
  await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/axe');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByRole('region', { name: /Events now go to/ })).toBeVisible();
  await expectNoViolations(page, 'the webhooks page with a new endpoint');
});

test('the verification banner and the verified page have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  const user = freshUser();
  await signUp(page, user);
  await expect(page.getByRole('region', { name: 'Verify your address.' })).toBeVisible();
  await expectNoViolations(page, 'the verification banner');
  await page.goto(await mailedLink(user.email, '/verify-address/'));
  await page.getByRole('button', { name: 'Verify my address' }).click();
  await expect(page.getByRole('status')).toContainText('is verified');
  await expectNoViolations(page, 'the verified page');
});

test('the invitation pages and the banner have no WCAG A/AA violations found by axe-core', async ({
  page, browser, signedInUser,
}, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  expect(signedInUser).toBeTruthy();
  await createAccount(page, 'Accessible Invitations');
  const panel = new InvitationsPanel(page);
  const invitee = freshUser();
  await panel.invite(`${invitee.email} not-an-address`);
  await expect(panel.result(invitee.email)).toBeVisible();
  await expectNoViolations(page, 'invite results and pending invitations');
  await openActions(page, invitee.email);
  await expectNoViolations(page, 'an open Actions menu');
  await page.getByRole('link', { name: `Revoke the invitation to ${invitee.email}` }).click();
  await expectModal(page.locator('dialog#dialog')); // axe-core looks at the dialog as it is used
  await expectNoViolations(page, 'the revoke dialog');

  const theirPage = await secondBrowser(browser, testInfo);
  await theirPage.goto(await invitationLink(invitee.email));
  await expectNoViolations(theirPage, 'an invitation link');
  await signUp(theirPage, invitee);
  await expectNoViolations(theirPage, 'the banner');
  await theirPage.goto('/invitations/not-a-real-token');
  await expectNoViolations(theirPage, 'an unavailable invitation');
  await theirPage.context().close();
});

test('invitations with their mail status, a copied link, the expired list and the address dialog have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  await signUp(page, freshUser());
  const accountId = await createAccount(page, 'Accessible Followups');
  const [refused, lapsed, handed] = [freshUser(), freshUser(), freshUser()];
  const panel = new InvitationsPanel(page);
  await panel.invite(`${refused.email} ${lapsed.email} ${handed.email}`);
  await expect(panel.result(handed.email)).toContainText('Invited');
  await invitationLink(lapsed.email);
  await invitationLink(refused.email);
  setMailDelivery(accountId, refused.email, 'failed', '550 5.1.1 User unknown');
  expireInvitation(accountId, lapsed.email, 2);
  await page.reload();
  await openActions(page, handed.email);
  await page.getByRole('button', { name: `Copy link to the invitation for ${handed.email}` }).click();
  await expect(page.getByRole('region', { name: `A link to hand to ${handed.email}` })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Expired invitations/ })).toBeVisible();
  await expectNoViolations(page, 'an account with followed invitations');
  await openActions(page, refused.email);
  await page.getByRole('link', { name: `Edit address and resend the invitation to ${refused.email}` }).click();
  await expectModal(page.locator('dialog#dialog'));
  await expectNoViolations(page, 'the address dialog');
});

test('the pages of signing in to a product have no WCAG A/AA violations found by axe-core', async ({ page }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'axe-core runs as a script in the page');
  test.setTimeout(AXE_TEST_TIMEOUT);
  const made = product(Number(process.env.ROSTER_E2E_PORT ?? 3100), testInfo.project.name);
  await signUp(page, freshUser());
  await createAccount(page, 'Picked Org');
  await createAccount(page, 'Other Org');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: made.clientId,
    redirect_uri: made.callback,
    scope: 'openid email profile',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  });
  await page.goto(`/oauth/decide?${query}`);
  await expect(page.getByRole('radio', { name: 'Picked Org' })).toBeVisible();
  await expectNoViolations(page, 'the account picker and consent');
  await page.goto('/oauth/problem?reason=unregistered_redirect');
  await expectNoViolations(page, 'a sign-in that cannot go on');
});
