import type { Page } from '@playwright/test';
import { test, expect, freshUser, signUp, createAccount, secondBrowser, jsEnabled, PHONE_AND_DESKTOP } from './fixtures';
import { invitationLink } from './mailbox';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { addMember } from './seed';

// The two widths every flow is tried at, both ways; the ends of the supported range with JavaScript.
const WIDTHS = [
  ...PHONE_AND_DESKTOP.map((size) => ({ ...size, bothWays: true })),
  { name: 'the narrowest phone', width: 360, height: 740, bothWays: false },
  { name: 'a wide screen', width: 1920, height: 1080, bothWays: false },
];

/** Nothing on the page is wider than the window: no sideways scrolling of the whole page. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const measure = () =>
    page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      // What sticks out, outside the tables (which may scroll inside themselves).
      widest: [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('table'))
        .slice(0, 5)
        .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`),
    }));
  // Measured once the page has settled (an island may still be rendering what it shows).
  await expect
    .poll(async () => {
      const { scrollWidth, innerWidth } = await measure();
      return scrollWidth <= innerWidth;
    }, { timeout: 5_000 })
    .toBe(true)
    .catch(async () => {
      const { scrollWidth, innerWidth, widest } = await measure();
      throw new Error(`${what} is ${scrollWidth} px wide in a ${innerWidth} px window: ${widest.join(', ')}`);
    });
}

const longName = 'Maximiliana Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh';
const longEmail = () => `${'a-very-long-local-part-that-keeps-going'}-${freshUser().email}`;

for (const size of WIDTHS) {
  test(`no page scrolls sideways on ${size.name} (${size.width} px)`, async ({ page, browser }, testInfo) => {
    test.skip(!size.bothWays && !jsEnabled(testInfo.project.name), 'the layout is the same without JavaScript');
    test.setTimeout(120_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/sign-in');
    await expectNoSidewaysScroll(page, 'sign in');
    await page.goto('/sign-up');
    await expectNoSidewaysScroll(page, 'sign up');

    const owner = { ...freshUser(), name: longName };
    await signUp(page, owner);
    await expectNoSidewaysScroll(page, 'your accounts');
    const accountId = await createAccount(page, 'An Account With A Rather Long Name For A Narrow Window');

    const member = { ...freshUser(), email: longEmail(), name: longName };
    const theirPage = await secondBrowser(browser, testInfo);
    await signUp(theirPage, member);
    addMember(accountId, member.email, ['read:account']);
    const invitee = longEmail();
    await new InvitationsPanel(page).invite(`${invitee}, not-an-address-${'x'.repeat(60)}`);
    await expect(page.getByRole('heading', { name: '1 of 2 invited' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'the account page with invite results');

    await page.goto(`/accounts/${accountId}/roles`);
    await expectNoSidewaysScroll(page, 'roles');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await expectNoSidewaysScroll(page, 'role details');
    await page.goto(`/accounts/${accountId}/audit`);
    await expectNoSidewaysScroll(page, 'the audit log');
    await page.goto(`/accounts/${accountId}/settings?dialog=delete#dialog`);
    await expectNoSidewaysScroll(page, 'the settings with the delete dialog');
    await page.goto('/profile');
    await expectNoSidewaysScroll(page, 'the profile');

    const inviteePage = await secondBrowser(browser, testInfo);
    await inviteePage.setViewportSize({ width: size.width, height: size.height });
    await inviteePage.goto(await invitationLink(invitee));
    await expectNoSidewaysScroll(inviteePage, 'an invitation link');
    await signUp(inviteePage, { ...freshUser(), email: invitee, name: longName });
    await expectNoSidewaysScroll(inviteePage, 'the banner');
    await inviteePage.context().close();
    await theirPage.context().close();
  });
}
