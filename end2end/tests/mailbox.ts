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

/** Waits for mail number `count` to `email` and returns the invitation link it carries. */
export async function invitationLink(email: string, count = 1): Promise<string> {
  await expect.poll(() => mailsTo(email).length, { message: `mail ${count} to ${email}` }).toBeGreaterThanOrEqual(count);
  const mail = mailsTo(email)[count - 1];
  const match = mail.match(/https?:\/\/[^\s"<>]+\/invitations\/[A-Za-z0-9_-]+/);
  expect(match, 'the mail holds an invitation link').not.toBeNull();
  return match![0];
}
