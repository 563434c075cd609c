import { defineConfig } from '@playwright/test';
import * as path from 'node:path';
import { productClients } from './tests/oidc/product';

// The release build, served on its own port with a database of its own for this run.
const port = Number(process.env.ROSTER_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const repoRoot = path.resolve(__dirname, '..');
const dataDir = path.join(__dirname, '.data');

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// The suite runs on SQLite (one server), and, when ROSTER_E2E_POSTGRES_URL names a database, on
// PostgreSQL: two servers sharing it behind alternate.mjs, which sends each request to the next.
const postgres = process.env.ROSTER_E2E_POSTGRES_URL;
// The products that sign in through Roster in the OpenID test (one per project, each with its
// own callback and back-channel ports), written before the servers start.
const clientsFile = productClients(port);
const serverEnv = (listenPort: number) => ({
  ROSTER_LISTEN: `127.0.0.1:${listenPort}`,
  ROSTER_DATABASE_URL: postgres ?? `sqlite://${path.join(dataDir, 'roster.db')}`,
  ROSTER_PUBLIC_URL: baseURL,
  ROSTER_MAIL_DIR: path.join(dataDir, 'mail'),
  LEPTOS_SITE_ROOT: path.join(repoRoot, 'target/site'),
  // The suite resends straight after inviting; the cooldown itself is proved by the API tests.
  ROSTER_RESEND_COOLDOWN_MINUTES: '0',
  // "Send again" straight after sign-up's mail; its limit is proved by the API tests too.
  ROSTER_VERIFICATION_RESEND_MINUTES: '0',
  // Every test signs up a fresh user from loopback; the limit is proved by the API tests.
  ROSTER_SIGN_UPS_PER_CLIENT_HOUR: '1000000',
  ROSTER_API_KEY_MISSES_PER_MINUTE: '1000000',
  // Every sign-in and second-factor code of the suite comes from loopback; the throttle is
  // proved by the API tests.
  ROSTER_SIGN_IN_ATTEMPTS_PER_CLIENT: '1000000',
  // The webhook test's listener is on loopback.
  ROSTER_ALLOW_PRIVATE_WEBHOOKS: 'true',
  ROSTER_CLIENTS_FILE: clientsFile,
  RUST_LOG: 'warn',
});
const roster = path.join(repoRoot, 'target/release/roster');
const backends = [port + 1, port + 2];
const webServer = postgres
  ? [
      // The folder for mails is emptied by the test script before this run.
      ...backends.map((backend) => ({
        command: `mkdir -p "${dataDir}" && exec "${roster}"`,
        url: `http://127.0.0.1:${backend}/sign-in`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore' as const,
        stderr: 'pipe' as const,
        env: serverEnv(backend),
      })),
      {
        command: `exec node "${path.join(__dirname, 'alternate.mjs')}"`,
        url: `${baseURL}/sign-in`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore' as const,
        stderr: 'pipe' as const,
        env: { ROSTER_E2E_PORT: String(port), ROSTER_E2E_BACKENDS: backends.join(',') },
      },
    ]
  : {
      command: `rm -rf "${dataDir}" && mkdir -p "${dataDir}" && exec "${roster}"`,
      url: `${baseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
      env: serverEnv(port),
    };

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'with-js', use: { javaScriptEnabled: true } },
    { name: 'without-js', use: { javaScriptEnabled: false } },
  ],
  webServer,
});
