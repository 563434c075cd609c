import {
  test, expect, freshUser, signUp, createAccount, secondBrowser, openActions, jsEnabled, isModal, expectModal, PHONE_AND_DESKTOP,
} from './fixtures';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { addMember } from './seed';

for (const size of PHONE_AND_DESKTOP) {
  test(`a dialog opens in view and takes the keyboard on ${size.name}`, async ({ page, browser, signedInUser }, testInfo) => {
    test.setTimeout(90_000);
    expect(signedInUser).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const accountId = await createAccount(page, 'Dialogs In View');
    const theirPage = await secondBrowser(browser, testInfo);
    const member = freshUser();
    await signUp(theirPage, member);
    await theirPage.context().close();
    addMember(accountId, member.email);
    // Enough pending invitations to push the bottom of the page far out of view.
    const invitees = Array.from({ length: 12 }, () => freshUser().email);
    await new InvitationsPanel(page).invite(invitees.join(' '));
    await expect(page.getByRole('heading', { name: '12 of 12 invited' })).toBeVisible();

    await page.goto(`/accounts/${accountId}`);
    // Each person is one row, each invitation too: nothing is listed twice.
    await expect(page.getByRole('row').filter({ hasText: invitees[0] })).toHaveCount(1);
    await expect(page.getByRole('row').filter({ hasText: member.email })).toHaveCount(1);
    // The Actions menu opens from the keyboard.
    const summary = page.locator('summary', { hasText: `Actions for ${member.name}` });
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: `Remove ${member.name}` })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: `Remove ${member.name}` })).toBeHidden();
    const js = jsEnabled(testInfo.project.name);
    await openActions(page, member.name);
    await page.getByRole('link', { name: `Remove ${member.name}` }).click();
    const remove = page.getByRole('alertdialog', { name: 'Remove user access' });
    await expect(remove).toBeInViewport();
    const confirm = remove.getByRole('button', { name: 'Remove user access' });
    if (js) {
      // Modal: the rest of the page is inert and the keyboard starts inside.
      await expectModal(remove);
      await expect(confirm).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(remove.getByRole('link', { name: 'Cancel' })).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(remove).toHaveCount(0);
      // The keyboard is back on the button the dialog was opened from; the address is the page's.
      await expect(summary).toBeFocused();
      expect(new URL(page.url()).searchParams.get('dialog')).toBeNull();
      await openActions(page, member.name);
      await page.getByRole('link', { name: `Remove ${member.name}` }).click();
      await expectModal(remove);
    } else {
      expect(await isModal(remove)).toBe(false);
      await page.keyboard.press('Tab');
      await expect(confirm).toBeFocused();
    }
    await remove.getByRole('link', { name: 'Cancel' }).click();
    await expect(remove).toHaveCount(0);
    if (js) await expect(summary).toBeFocused();

    await openActions(page, invitees[11]);
    await page.getByRole('link', { name: `Revoke the invitation to ${invitees[11]}` }).click();
    const revoke = page.getByRole('alertdialog', { name: /Revoke/ });
    await expect(revoke).toBeInViewport();
    await expect(revoke).toContainText(invitees[11]);
    if (js) {
      await expectModal(revoke);
      await page.keyboard.press('Escape');
      await expect(revoke).toHaveCount(0);
      await expect(page.locator('summary', { hasText: `Actions for ${invitees[11]}` })).toBeFocused();
    }
  });
}
