import { test, expect, freshUser, signUp, secondBrowser } from './fixtures';
import { mailsTo } from './mailbox';
import { SignInPage } from './pages/SignInPage';

/** The link in the newest reset mail to `email`. */
async function resetLink(email: string) {
  await expect.poll(() => mailsTo(email).filter((m) => m.includes('/reset-password/')).length).toBeGreaterThan(0);
  const mail = mailsTo(email).filter((m) => m.includes('/reset-password/')).at(-1)!;
  return mail.match(/https?:\/\/[^\s"<>]+\/reset-password\/[A-Za-z0-9_-]+/)![0];
}

test('a forgotten password is set again from the mailed link, and the old session ends', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const user = freshUser();
  await signUp(page, user); // this browser stays signed in with the old password

  const elsewhere = await secondBrowser(browser, testInfo);
  await new SignInPage(elsewhere).goto();
  await elsewhere.getByRole('link', { name: 'Forgot your password?' }).click();
  await elsewhere.getByLabel('Email').fill(user.email);
  await elsewhere.getByRole('button', { name: 'Send the link' }).click();
  await expect(elsewhere.getByRole('status')).toHaveText(
    'If a user has this address, a mail is on its way with a link to set a new password.',
  );

  await elsewhere.goto(await resetLink(user.email));
  await elsewhere.getByLabel(/New password/).fill('short');
  await elsewhere.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(elsewhere.getByText(/at least 8/).first()).toBeVisible();
  await elsewhere.getByLabel(/New password/).fill('my brand new password');
  await elsewhere.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(elsewhere.getByRole('status')).toContainText('New password set.');
  await expect(elsewhere.getByRole('link', { name: user.name })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(user.email, 'my brand new password');
  await expect(page.getByRole('link', { name: user.name })).toBeVisible();

  // Used once: the link now says so.
  await elsewhere.goto(await resetLink(user.email));
  await expect(elsewhere.getByText('This link no longer works').first()).toBeVisible();
  await elsewhere.context().close();
});

test('an address nobody has gets the same answer', async ({ page }) => {
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(freshUser().email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'If a user has this address, a mail is on its way with a link to set a new password.',
  );
});
