import * as fs from 'node:fs';
import { test, expect, freshUser, createAccount } from './fixtures';
import { InvitationsPanel } from './pages/InvitationsPanel';

test('the audit log shows each change, filters them and downloads the CSV', async ({ page, signedInUser }) => {
  const accountId = await createAccount(page, 'Audit Co');
  const invitee = freshUser();
  await new InvitationsPanel(page).invite(invitee.email, 'Admin');
  await expect(page.getByRole('heading', { name: '1 of 1 invited' })).toBeVisible();
  await page.goto(`/accounts/${accountId}/roles`);
  await page.getByLabel('Role name').fill('Auditors');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Auditors/ })).toBeVisible();

  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Audit log' }).click();
  const table = page.getByRole('table', { name: /Changes/ });
  await expect(table.getByRole('row').nth(1)).toContainText('role.created');
  await expect(table.getByRole('row').nth(2)).toContainText('invitation.created');
  await expect(table).toContainText(signedInUser.email);
  await expect(table).toContainText(invitee.email);

  await page.getByLabel('Action').selectOption('invitation.created');
  await page.getByRole('button', { name: 'Filter' }).click();
  const filtered = page.getByRole('table', { name: 'Changes, newest first' });
  await expect(filtered).toContainText(invitee.email);
  await expect(filtered.getByRole('row')).toHaveCount(2);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toBe('time,actor,action,target,details');
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain('invitation.created');
  expect(csv[1]).toContain(invitee.email);
});
