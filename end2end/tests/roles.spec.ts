import { test, expect, freshUser, signUp, jsEnabled, createAccount } from './fixtures';
import { RolePage } from './pages/RolePage';
import { RolesPage } from './pages/RolesPage';
import { addMember } from './seed';

test('an owner creates a custom role, edits its permissions, renames it and deletes it', async ({
  page, signedInUser,
}) => {
  expect(signedInUser.email).toBeTruthy();
  await createAccount(page, 'Roles Org');
  const roles = new RolesPage(page);
  const role = new RolePage(page);
  await roles.open();
  for (const builtIn of ['Owner', 'Admin', 'Base']) {
    await expect(roles.row(builtIn).getByRole('cell', { name: 'Built-in' })).toBeVisible();
  }

  await roles.createRole('Support', ['read:users', 'write:invites']);
  await role.expectOpen('Support');
  await expect(role.permission('write:invites')).toBeChecked();
  await expect(role.permission('read:invites')).toBeChecked(); // implied by write:invites
  await expect(role.permission('read:users')).toBeChecked();
  await expect(role.permission('delete:users')).not.toBeChecked();

  await roles.open();
  await expect(roles.row('Support').getByRole('cell', { name: 'Custom' })).toBeVisible();
  await expect(roles.row('Support').getByRole('cell').nth(3)).toHaveText('3');

  await roles.row('Support').getByRole('link', { name: 'Support' }).click();
  await role.expectOpen('Support');
  await role.permission('read:audit_log').check();
  await role.permission('read:users').uncheck();
  await role.savePermissions();
  await expect(role.permission('read:audit_log')).toBeChecked();
  await expect(role.permission('read:users')).not.toBeChecked();

  await role.action('Rename').click();
  const rename = role.dialog('Rename role');
  await rename.getByLabel('Role name').fill('Helpdesk');
  await rename.getByLabel('Description (optional)').fill('First line of support');
  await rename.getByRole('button', { name: 'Save' }).click();
  await role.expectOpen('Helpdesk');
  await expect(page.getByText('First line of support')).toBeVisible();

  await role.action('Delete').click();
  const confirm = role.dialog(/Delete .Helpdesk./);
  await expect(confirm).toContainText('0 members and 0 pending invitations hold this role');
  await confirm.getByRole('button', { name: 'Delete role' }).click();
  await expect(roles.table).toBeVisible();
  await expect(roles.row('Helpdesk')).toHaveCount(0);
});

test('duplicating a role shows the permissions the copy will get', async ({ page, signedInUser }) => {
  expect(signedInUser.email).toBeTruthy();
  await createAccount(page, 'Duplicates Org');
  const roles = new RolesPage(page);
  const role = new RolePage(page);
  await roles.open();
  await roles.row('Base').getByRole('link', { name: 'Base' }).click();
  await role.expectOpen('Base');
  await role.tab('Users').click();
  await expect(page.getByRole('table', { name: /Members with this role/ })).toContainText(signedInUser.email);
  await roles.open();
  await roles.row('Admin').getByRole('link', { name: 'Admin' }).click();
  await role.tab('Users').click();
  await expect(page.getByText('No member holds this role yet.')).toBeVisible();
  await role.tab('Permissions').click();
  await role.expectOpen('Admin');
  await expect(page.getByText('Built-in roles cannot be renamed, edited or deleted.')).toBeVisible();
  await expect(role.action('Rename')).toHaveCount(0);
  await expect(role.action('Delete')).toHaveCount(0);

  await role.action('Duplicate').click();
  const dialog = role.dialog(/Duplicate .Admin./);
  await expect(dialog.getByText('delete:users')).toBeVisible();
  await expect(dialog.getByText('write:account')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Duplicate role' }).click();
  await role.expectOpen('Admin (copy)');
  await expect(role.permission('delete:users')).toBeChecked();
  await expect(role.permission('write:account')).not.toBeChecked();
});

test('a member who may only read roles sees them read-only, and a Base-only member not at all', async ({
  page, browser, signedInUser,
}) => {
  expect(signedInUser.email).toBeTruthy();
  const accountId = await createAccount(page, 'Readers Org');
  const owner = new RolesPage(page);
  await owner.open();
  await owner.createRole('Billing', ['read:users']);
  await new RolePage(page).expectOpen('Billing');

  const reader = freshUser();
  const base = freshUser();
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  await signUp(readerPage, reader);
  addMember(accountId, reader.email, ['read:roles']);
  const baseContext = await browser.newContext();
  const basePage = await baseContext.newPage();
  await signUp(basePage, base);
  addMember(accountId, base.email);

  const roles = new RolesPage(readerPage);
  await roles.goto(accountId);
  await expect(roles.row('Billing')).toBeVisible();
  await expect(roles.createForm).toHaveCount(0);
  await roles.row('Billing').getByRole('link', { name: 'Billing' }).click();
  const role = new RolePage(readerPage);
  await role.expectOpen('Billing');
  await expect(readerPage.getByRole('button', { name: 'Save permissions' })).toHaveCount(0);
  await expect(readerPage.getByRole('checkbox')).toHaveCount(0);
  await expect(readerPage.getByText('read:users granted')).toBeAttached();
  await expect(role.action('Rename')).toHaveCount(0);
  await expect(role.action('Delete')).toHaveCount(0);
  // Opening the dialog by its address does not help either.
  await readerPage.goto(`${readerPage.url()}?dialog=delete`);
  await expect(readerPage.getByRole('button', { name: 'Delete role' })).toHaveCount(0);

  // A direct call of the server function from that session is refused.
  const forged = await readerPage.request.post('/api/create_role', {
    form: { account_id: accountId, name: 'Sneaky', 'permissions[]': 'read:users' },
  });
  expect(forged.status()).toBe(403);

  const baseRoles = new RolesPage(basePage);
  await baseRoles.goto(accountId);
  await expect(basePage.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(baseRoles.table).toHaveCount(0);

  await readerContext.close();
  await baseContext.close();
});

test('ticking a write permission ticks and keeps its read', async ({ page, signedInUser }, testInfo) => {
  test.skip(!jsEnabled(testInfo.project.name), 'the checklist reacts in the browser; without JavaScript the server adds the read');
  expect(signedInUser.email).toBeTruthy();
  await createAccount(page, 'Implied Org');
  const roles = new RolesPage(page);
  await roles.open();
  const write = roles.createForm.getByLabel('write:roles', { exact: true });
  const read = roles.createForm.getByLabel('read:roles', { exact: true });
  await expect(read).not.toBeChecked();
  await write.check();
  await expect(read).toBeChecked();
  await expect(read).toBeDisabled();
  await write.uncheck();
  await expect(read).toBeEnabled();
});
