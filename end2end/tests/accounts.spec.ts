import { test, expect, freshUser } from './fixtures';

test('a new user signs up, creates an account and is its owner', async ({
  page, signUpPage, homePage, accountPage, header,
}) => {
  const user = freshUser();
  await signUpPage.goto();
  await signUpPage.signUp(user);

  await expect(homePage.heading).toBeVisible();
  await expect(page.getByText('You do not belong to any account yet')).toBeVisible();
  await header.expectSignedInAs(user.name);

  await homePage.createAccount('Acme Rockets');
  await accountPage.expectOpen('Acme Rockets');
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}$/);
  await accountPage.expectMemberWithRole(user.email, 'Owner');
  await accountPage.expectMemberWithRole(user.email, 'Base');
});

test('an empty account name is refused with a field message', async ({
  page, homePage, signedInUser,
}) => {
  await homePage.goto();
  // Spaces pass the browser's own `required` check but are not a name.
  await homePage.createAccount('   ');
  await expect(page.getByText('Enter a name for the account.')).toBeVisible();
  await expect(homePage.heading).toBeVisible();
  expect(signedInUser.email).toBeTruthy();
});

test('with two accounts the switcher moves between them', async ({
  homePage, accountPage, header, signedInUser,
}) => {
  await homePage.goto();
  await homePage.createAccount('First Org');
  await accountPage.expectOpen('First Org');
  await homePage.goto();
  await homePage.createAccount('Second Org');
  await accountPage.expectOpen('Second Org');

  await header.switchTo('First Org');
  await accountPage.expectOpen('First Org');
  await accountPage.expectMemberWithRole(signedInUser.email, 'Owner');

  await header.switchTo('Second Org');
  await accountPage.expectOpen('Second Org');
});
