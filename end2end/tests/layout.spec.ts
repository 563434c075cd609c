import type { Page } from '@playwright/test';
import { test, expect, freshUser, signUp, createAccount, jsEnabled, openActions } from './fixtures';
import { InvitationsPanel } from './pages/InvitationsPanel';
import { invitationLink } from './mailbox';
import { addMember, expireInvitation, setMailDelivery } from './seed';

// Every page looks finished at a phone's, a tablet's and a laptop's width.
const WIDTHS = [360, 768, 1280];

/** What makes a page look unfinished, measured in the page: controls shorter than their text,
 * a word broken inside a table header, a badge or an action's name, a description squeezed into
 * a sliver of a wide form, anything wider than the window. */
async function unfinished(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').trim().slice(0, 40) || (el as HTMLInputElement).name || el.id;
      return `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${text}"`;
    };
    const shown = (el: Element) => el.checkVisibility() && !el.closest('.visually-hidden');
    const fontSize = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const controls = 'input:not([type=checkbox]):not([type=radio]):not([type=hidden]), button, select, textarea, a.button';
    for (const el of document.querySelectorAll(controls)) {
      if (!shown(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.height < fontSize(el) * 1.5) problems.push(`${describe(el)} is ${Math.round(box.height)} px tall`);
      if (box.width < fontSize(el) * 2) problems.push(`${describe(el)} is ${Math.round(box.width)} px wide`);
      // A control left to the browser's defaults writes smaller than the page around it.
      if (fontSize(el) < fontSize(document.body) * 0.9) problems.push(`${describe(el)} is unstyled`);
    }
    for (const el of document.querySelectorAll('th, .badge, code.action')) {
      if (!shown(el)) continue;
      // Only the text a reader sees (a visually hidden label is clipped, not laid out in lines).
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const seen: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('.visually-hidden') && node.textContent?.trim()) seen.push(node as Text);
      }
      const text = seen.map((node) => node.textContent).join(' ').trim();
      if (!text) continue;
      const tops = new Set<number>();
      for (const node of seen) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
      }
      const lines = tops.size;
      const words = text.split(/\s+/).length;
      if (lines > words) problems.push(`a word of ${describe(el)} breaks across ${lines} lines`);
    }
    // A row of a checklist (a permission, an event): its last text, the description, gets the
    // room the row has, not a narrow column of it.
    for (const row of document.querySelectorAll('.permission')) {
      if (!shown(row) || row.getBoundingClientRect().width < fontSize(row) * 30) continue;
      const texts = [...row.querySelectorAll(':scope > label, :scope > span')].filter(shown);
      const description = texts.at(-1);
      if (description && description.getBoundingClientRect().width < fontSize(row) * 12) {
        problems.push(`${describe(description)} is squeezed into ${Math.round(description.getBoundingClientRect().width)} px`);
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) {
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
    }
    return problems;
  });
}

async function expectFinished(page: Page, what: string) {
  await page.waitForLoadState('networkidle');
  expect(await unfinished(page), `${what} at ${page.viewportSize()?.width} px`).toEqual([]);
}

test('every page looks finished at 360, 768 and 1280 px', async ({ page, browser }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'the layout is the same without JavaScript');
  test.setTimeout(240_000);
  const owner = freshUser();
  await signUp(page, owner);
  const accountId = await createAccount(page, 'Finished Pages');
  const invitee = freshUser();
  const lapsed = freshUser();
  const panel = new InvitationsPanel(page);
  await panel.invite(`${invitee.email} ${lapsed.email}`);
  await expect(panel.result(lapsed.email)).toContainText('Invited');
  await invitationLink(lapsed.email);
  // A refused mail and an expired invitation show more in their rows, and offer more dialogs.
  setMailDelivery(accountId, invitee.email, 'failed', '550 5.1.1 <someone@example.test>: Recipient address rejected: User unknown in virtual mailbox table');
  expireInvitation(accountId, lapsed.email, 3);
  const stranger = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const signedOut = await stranger.newPage();
  const member = freshUser();
  await signUp(signedOut, member);
  await stranger.clearCookies();
  addMember(accountId, member.email);
  await page.goto(`/accounts/${accountId}/api-keys`);
  await page.getByLabel('Key name').fill('ci-bot');
  await page.getByRole('checkbox', { name: 'read:users', exact: true }).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('region', { name: /is ready$/ })).toBeVisible();
  await page.goto(`/accounts/${accountId}/webhooks`);
  await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/finished');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.goto(`/accounts/${accountId}/roles`);
  const pages: [string, string][] = [
    ['your accounts', '/'],
    ['the account', `/accounts/${accountId}`],
    ['roles', `/accounts/${accountId}/roles`],
    ['the audit log', `/accounts/${accountId}/audit`],
    ['settings', `/accounts/${accountId}/settings`],
    ['API keys', `/accounts/${accountId}/api-keys`],
    ['webhooks', `/accounts/${accountId}/webhooks`],
    ['the profile', '/profile'],
  ];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    for (const [what, path] of pages) {
      await page.goto(path);
      await expectFinished(page, what);
    }
    await page.goto(`/accounts/${accountId}/roles`);
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await expectFinished(page, 'a role');
    for (const [what, subject, link] of [
      ['the roles dialog', member.name, `Edit the roles of ${member.name}`],
      ['the removal dialog', member.name, `Remove ${member.name}`],
      ['the address dialog', invitee.email, `Edit address and resend the invitation to ${invitee.email}`],
      ['the expired removal dialog', lapsed.email, `Remove the expired invitation to ${lapsed.email}`],
    ]) {
      await page.goto(`/accounts/${accountId}`);
      await openActions(page, subject);
      await page.getByRole('link', { name: link }).click();
      await expect(page.getByRole('dialog').or(page.getByRole('alertdialog'))).toBeVisible();
      await expectFinished(page, what);
    }
    await page.goto(`/accounts/${accountId}`);
    await page.getByRole('link', { name: 'Resend all expired' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectFinished(page, 'the resend-all dialog');
  }
  const invitation = await invitationLink(invitee.email);
  for (const width of WIDTHS) {
    await signedOut.setViewportSize({ width, height: 800 });
    for (const [what, path] of [
      ['sign in', '/sign-in'], ['sign up', '/sign-up'], ['a forgotten password', '/forgot-password'],
      ['an invitation', invitation],
    ]) {
      await signedOut.goto(path);
      await expectFinished(signedOut, what);
    }
  }
  await stranger.close();
});
