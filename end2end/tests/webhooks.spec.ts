import * as http from 'node:http';
import * as crypto from 'node:crypto';
import { AddressInfo } from 'node:net';
import { test, expect, createAccount, PHONE_AND_DESKTOP } from './fixtures';
import { RolesPage } from './pages/RolesPage';
import { RolePage } from './pages/RolePage';

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A listener on a free loopback port that answers 200 and keeps what it got. */
async function listen(): Promise<{ url: string; received: Received[]; close: () => void }> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/roster-events`, received, close: () => server.close() };
}

for (const size of PHONE_AND_DESKTOP) {
  test(`a webhook endpoint is added (its secret shown once), hears a new role signed, and logs the delivery, on ${size.name}`, async ({
    page, signedInUser,
  }) => {
    test.setTimeout(60_000);
    expect(signedInUser.email).toBeTruthy();
    await page.setViewportSize({ width: size.width, height: size.height });
    const listener = await listen();
    try {
      await createAccount(page, 'Hooked Co');
      await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: 'Webhooks' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
      await expect(page.getByText('No endpoints yet.')).toBeVisible();

      // Not a web address: refused, with what was typed kept.
      await page.getByLabel('Endpoint URL').fill('ftp://hooks.example/in');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await expect(page.getByText('Use an https:// (or http://) address.').first()).toBeVisible();
      await expect(page.getByLabel('Endpoint URL')).toHaveValue('ftp://hooks.example/in');

      await page.getByLabel('Endpoint URL').fill(listener.url);
      await expect(page.getByRole('checkbox', { name: /^role\.created/ })).toBeChecked();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const ready = page.getByRole('region', { name: `Events now go to ${listener.url}` });
      await expect(ready).toBeVisible();
      const secret = (await ready.getByLabel("The new endpoint's signing secret").textContent())!.trim();
      expect(secret).toMatch(/^whsec_[0-9A-Za-z]{43}$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.reload();
      await expect(page.getByText(secret)).toHaveCount(0);
      await expect(page.getByText('Nothing delivered yet.')).toBeVisible();

      const roles = new RolesPage(page);
      await roles.open();
      await roles.createRole('Heard of', ['read:users']);
      // Creating a role navigates to it; going elsewhere before that lands would be interrupted.
      await new RolePage(page).expectOpen('Heard of');
      await expect.poll(() => listener.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const delivery = listener.received.find((r) => r.headers['roster-event'] === 'role.created')!;
      const [t, v1] = String(delivery.headers['roster-signature']).split(',').map((part) => part.split('=')[1]);
      const expected = crypto.createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex');
      expect(v1).toBe(expected);
      expect(JSON.parse(delivery.body).data.target.name).toBe('Heard of');

      await page.goto(page.url().replace(/\/roles.*$/, '/webhooks'));
      const log = page.getByRole('table', { name: `Latest deliveries to ${listener.url}` });
      await expect(log.getByRole('row').filter({ hasText: 'role.created' })).toContainText('Delivered (200)');

      await log.getByRole('button', { name: 'Deliver the role.created event again' }).click();
      await expect(page.getByRole('status')).toHaveText(/on its way again/);
      await expect.poll(() => listener.received.filter((r) => r.headers['roster-event'] === 'role.created').length, { timeout: 15_000 }).toBe(2);

      await page.getByRole('link', { name: `Remove the endpoint ${listener.url}` }).click();
      const dialog = page.getByRole('alertdialog', { name: `Remove the endpoint ${listener.url}?` });
      await expect(dialog).toBeInViewport();
      await dialog.getByRole('button', { name: 'Remove endpoint' }).click();
      await expect(page.getByRole('status')).toHaveText('Endpoint removed. Nothing more is sent to it.');
      await expect(page.getByText('No endpoints yet.')).toBeVisible();
    } finally {
      listener.close();
    }
  });
}
