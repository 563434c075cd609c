import { test, expect, freshUser, signUp } from './fixtures';

test('a user signs out and signs in again', async ({ page, header, signInPage, homePage }) => {
  const user = freshUser();
  await signUp(page, user);
  await header.signOut();
  await expect(signInPage.heading).toBeVisible();
  await expect(header.banner.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/');
  await expect(signInPage.heading).toBeVisible();

  await signInPage.signIn(user.email.toUpperCase(), user.password);
  await expect(homePage.heading).toBeVisible();
  await header.expectSignedInAs(user.name);
});

test('a wrong password shows the message and signs nobody in', async ({ page, signInPage, header }) => {
  const user = freshUser();
  await signUp(page, user);
  await header.signOut();

  await signInPage.goto();
  await signInPage.signIn(user.email, 'definitely-not-it');
  await expect(signInPage.error).toHaveText(
    'That email and password do not match. Check both and try again.',
  );
  await expect(header.banner.getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('signing up with a taken email reveals nothing and signs nobody in', async ({ page, signUpPage, signInPage, header }) => {
  const user = freshUser();
  await signUp(page, user);
  await header.signOut();

  await signUpPage.goto();
  await signUpPage.signUp({ ...user, name: 'Someone Else' });
  await expect(signInPage.heading).toBeVisible();
  await expect(page.getByText('already exists')).toHaveCount(0);
});

test('a page that needs a user sends a visitor to sign in and back', async ({ page, signInPage, homePage }) => {
  const user = freshUser();
  await signUp(page, user);
  await page.context().clearCookies();

  await page.goto('/');
  await expect(signInPage.heading).toBeVisible();
  await signInPage.signIn(user.email, user.password);
  await expect(homePage.heading).toBeVisible();
});
