import { test, expect, freshUser, signUp, secondBrowser, PHONE_AND_DESKTOP } from './fixtures';
import { SignInPage } from './pages/SignInPage';

for (const size of PHONE_AND_DESKTOP) {
  test(`the profile changes the name and the password, and signs the other browser out, on ${size.name}`, async ({
    page, browser, signedInUser,
  }, testInfo) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    // The same person in a second browser (the laptop they left somewhere).
    const laptop = await secondBrowser(browser, testInfo);
    await new SignInPage(laptop).goto();
    await new SignInPage(laptop).signIn(signedInUser.email, signedInUser.password);
    await expect(laptop.getByRole('link', { name: signedInUser.name })).toBeVisible();

    await page.getByRole('link', { name: signedInUser.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your profile' })).toBeVisible();
    const sessions = page.getByRole('table', { name: /Your sessions/ });
    await expect(sessions.getByRole('row')).toHaveCount(3);
    await expect(sessions).toContainText('This session');

    await page.getByLabel('Display name').fill('   ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText('Enter your name.').first()).toBeVisible();
    await page.getByLabel('Display name').fill('Grace Renamed');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('status')).toHaveText('Name saved. Other members see it from now on.');
    await expect(page.getByRole('link', { name: 'Grace Renamed' })).toBeVisible();

    await page.getByRole('region', { name: 'Password', exact: true }).getByLabel('Current password').fill('not the password');
    await page.getByLabel(/New password/).fill('a brand new secret');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('That is not your current password.').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Password', exact: true }).getByLabel('Current password')).toHaveValue('');
    await page.getByRole('region', { name: 'Password', exact: true }).getByLabel('Current password').fill(signedInUser.password);
    await page.getByLabel(/New password/).fill('a brand new secret');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status')).toContainText('Password changed.');
    await expect(sessions.getByRole('row')).toHaveCount(2);

    await laptop.reload();
    await expect(laptop.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
    await laptop.context().close();
  });
}

test('one other session is signed out from the list, and the rest stay', async ({ page, browser, signedInUser }, testInfo) => {
  const phone = await secondBrowser(browser, testInfo);
  await new SignInPage(phone).goto();
  await new SignInPage(phone).signIn(signedInUser.email, signedInUser.password);
  await expect(phone.getByRole('link', { name: signedInUser.name })).toBeVisible();

  await page.goto('/profile');
  const sessions = page.getByRole('table', { name: /Your sessions/ });
  await expect(sessions.getByRole('row')).toHaveCount(3);
  await sessions.getByRole('button', { name: /^Sign out / }).click();
  await expect(page.getByRole('status')).toHaveText('That session is signed out.');
  await expect(page.getByRole('table', { name: /Your sessions/ }).getByRole('row')).toHaveCount(2);
  await phone.reload();
  await expect(phone.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: signedInUser.name })).toBeVisible();
  await phone.context().close();
});

test('a new user reaches their profile from the header', async ({ page }) => {
  const user = freshUser();
  await signUp(page, user);
  await page.getByRole('link', { name: user.name }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
});

test('a user deletes themselves after typing their address and password, and an owner is told to hand over first', async ({
  page,
}) => {
  const user = freshUser();
  await signUp(page, user);
  await page.goto('/profile');
  await page.getByLabel('Type your address to confirm').fill('someone-else@example.test');
  await page.getByLabel('Your password').fill(user.password);
  await page.getByRole('button', { name: 'Delete my user' }).click();
  await expect(page.getByText(`Type your address, ${user.email}, to confirm.`).first()).toBeVisible();
  await page.getByLabel('Type your address to confirm').fill(user.email);
  await page.getByLabel('Your password').fill('not my password at all');
  await page.getByRole('button', { name: 'Delete my user' }).click();
  await expect(page.getByText('That is not your current password.').first()).toBeVisible();
  await page.getByLabel('Type your address to confirm').fill(user.email);
  await page.getByLabel('Your password').fill(user.password);
  await page.getByRole('button', { name: 'Delete my user' }).click();
  await expect(page.getByRole('status')).toHaveText('Your user is deleted, and you have left every account.');
  const signIn = new SignInPage(page);
  await signIn.signIn(user.email, user.password);
  await expect(signIn.error).toBeVisible();

  const owner = freshUser();
  await signUp(page, owner);
  await page.getByLabel('Account name').fill('Still Mine');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Still Mine' })).toBeVisible();
  await page.goto('/profile');
  await expect(page.getByText('You own “Still Mine”. Make another member the owner, or delete the account, first.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete my user' })).toHaveCount(0);
});
