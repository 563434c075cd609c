import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';

// The invitation flow is tested on its own; other tests put people into accounts directly, into
// the SQLite file of the run or the PostgreSQL database its servers share.
const database = path.resolve(__dirname, '../.data/roster.db');
const postgres = process.env.ROSTER_E2E_POSTGRES_URL;

/** Runs `statements` in one transaction that holds the write lock from its start. */
function sql(statements: string) {
  if (postgres) {
    execFileSync('psql', ['-q', '-X', '-v', 'ON_ERROR_STOP=1', postgres], {
      input: `BEGIN;\n${statements}COMMIT;\n`,
    });
    return;
  }
  execFileSync('sqlite3', ['-bail', '-cmd', '.timeout 5000', database], {
    input: `BEGIN IMMEDIATE;\n${statements}COMMIT;\n`,
  });
}

function quote(value: string) {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Makes the user with `email` a member of the account, holding a custom role with `permissions`. */
export function addMember(accountId: string, email: string, permissions: string[] = []) {
  const account = quote(accountId);
  const user = `(SELECT id FROM users WHERE email = ${quote(email.toLowerCase())})`;
  let statements = `INSERT INTO memberships (account_id, user_id, joined_at) VALUES (${account}, ${user}, '2026-11-23T00:00:00Z');\n`;
  if (permissions.length > 0) {
    const role = quote(randomUUID());
    statements += `INSERT INTO roles (id, account_id, name, description, builtin, created_at)
  VALUES (${role}, ${account}, ${quote(`Seeded ${randomUUID().slice(0, 8)}`)}, '', NULL, '2026-11-23T00:00:00Z');\n`;
    for (const permission of permissions) {
      statements += `INSERT INTO role_permissions (role_id, permission) VALUES (${role}, ${quote(permission)});\n`;
    }
    statements += `INSERT INTO member_roles (account_id, user_id, role_id) VALUES (${account}, ${user}, ${role});\n`;
  }
  sql(statements);
}

/** Says the invitation to `email` in the account had its mail `status`, with the server's words. */
export function setMailDelivery(accountId: string, email: string, status: string, detail: string) {
  sql(`UPDATE invitations SET delivery_status = ${quote(status)}, delivery_detail = ${quote(detail)}
  WHERE account_id = ${quote(accountId)} AND email = ${quote(email.toLowerCase())} AND status = 'pending';\n`);
}

/** Ends the pending invitation to `email` in the account as expired `daysAgo` days ago. */
export function expireInvitation(accountId: string, email: string, daysAgo: number) {
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  sql(`UPDATE invitations SET status = 'expired', expires_at = ${quote(at)}, resolved_at = ${quote(at)}
  WHERE account_id = ${quote(accountId)} AND email = ${quote(email.toLowerCase())} AND status = 'pending';\n`);
}
