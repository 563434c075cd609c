import { expect } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The server writes each mail as an .eml file here (ROSTER_MAIL_DIR in playwright.config.ts).
const mailDir = path.resolve(__dirname, '../.data/mail');

/** Undoes quoted-printable soft line breaks and `=3D`, which is all an invitation link needs. */
function decode(raw: string) {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}

/** Every mail addressed to `email`, oldest first. */
export function mailsTo(email: string): string[] {
  if (!fs.existsSync(mailDir)) return [];
  return fs
    .readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => fs.readFileSync(path.join(mailDir, name), 'utf8'))
    .filter((raw) => raw.split(/\r?\n/).some((line) => line.toLowerCase() === `to: ${email.toLowerCase()}`))
    .map(decode);
}

/** Waits for link number `count` to `path` (`/invitations/`, `/verify-address/` …) mailed to
 * `email` and returns it; mails without such a link (a verification after sign-up, say) are not
 * counted. */
export async function mailedLink(email: string, path: string, count = 1): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"<>]+${path}[A-Za-z0-9_-]+`);
  const links = () => mailsTo(email).map((mail) => mail.match(pattern)?.[0]).filter((link) => link !== undefined);
  await expect.poll(() => links().length, { message: `link ${count} to ${path} mailed to ${email}` }).toBeGreaterThanOrEqual(count);
  return links()[count - 1]!;
}

/** Waits for invitation number `count` to `email` and returns the link it carries. */
export function invitationLink(email: string, count = 1): Promise<string> {
  return mailedLink(email, '/invitations/', count);
}
