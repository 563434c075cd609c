import { test, expect, freshUser, signUp, createAccount, secondBrowser, PHONE_AND_DESKTOP } from './fixtures';
import { addMember } from './seed';
import { SecondFactorSection } from './pages/SecondFactorSection';

for (const size of PHONE_AND_DESKTOP) {
  test(`an account that requires a second factor walks a member without one through adding it, on ${size.name}`, async ({
    page, browser,
  }, testInfo) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signUp(page, freshUser());
    const accountId = await createAccount(page, 'Strict Engines');
    await new SecondFactorSection(page).addAuthenticator();

    const member = { ...freshUser(), name: 'Mary Somerville' };
    const theirs = await secondBrowser(browser, testInfo);
    await theirs.setViewportSize({ width: size.width, height: size.height });
    await signUp(theirs, member);
    addMember(accountId, member.email);

    await page.goto(`/accounts/${accountId}/settings`);
    const policy = page.getByRole('region', { name: 'Second factor' });
    await expect(policy).toContainText('1 member has no second factor yet');
    await expect(policy.getByRole('listitem')).toHaveText([`Mary Somerville (${member.email})`]);
    await policy.getByRole('button', { name: 'Require a second factor' }).click();
    await expect(page.getByRole('status')).toContainText('A second factor is now required here.');
    await expect(page.getByRole('region', { name: 'Second factor' })).toContainText('Required');
    // The owner has an app: changes that cannot be taken back offer a field for its code
    // (empty is fine while the code given minutes ago is fresh).
    await expect(page.getByRole('region', { name: 'Second factor' }).getByLabel('Code from your authenticator app')).toBeVisible();

    // The member is still a member, but the account opens only once they add a factor.
    await theirs.goto(`/accounts/${accountId}`);
    await expect(theirs.getByRole('heading', { level: 1, name: 'This account requires a second factor' })).toBeVisible();
    await theirs.getByRole('link', { name: 'Add an authenticator app' }).click();
    await new SecondFactorSection(theirs).addAuthenticator();
    await theirs.goto(`/accounts/${accountId}`);
    await expect(theirs.getByRole('heading', { level: 1, name: 'Strict Engines' })).toBeVisible();
    await theirs.context().close();
  });
}
