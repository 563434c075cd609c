import * as client from 'openid-client';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Page } from '@playwright/test';
import { createAccount, expect, freshUser, signUp, test } from './fixtures';
import { listenAsProduct } from './oidc/product_listener';
import { product, type Product } from './oidc/product';
import { SignInPage } from './pages/SignInPage';

// A real relying party that is not Roster's: `openid-client` (OpenID Certified) plays the
// product's backend; the browser does the person's part (sign in, pick the account, consent).

const port = Number(process.env.ROSTER_E2E_PORT ?? 3100);
const issuer = new URL(`http://127.0.0.1:${port}`);
const productName = 'Clusters <b>Console</b>';

async function discover(made: Product) {
  return client.discovery(issuer, made.clientId, made.secret, undefined, {
    execute: [client.allowInsecureRequests],
  });
}

type Listener = Awaited<ReturnType<typeof listenAsProduct>>;

/** Sends the browser to Roster for `made`, runs `person` there, and returns the code grant. */
async function signInThroughRoster(
  page: Page,
  config: client.Configuration,
  made: Product,
  listener: Listener,
  person: () => Promise<void>,
  extra: Record<string, string> = {},
) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: made.callback,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  const before = listener.callbacks.length;
  await page.goto(url.href);
  await person();
  await expect(page.getByRole('heading', { name: 'Back at the product' })).toBeVisible();
  expect(listener.callbacks.length).toBe(before + 1);
  return client.authorizationCodeGrant(config, new URL(listener.callbacks[before]), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
}

test('a product signs a member in through Roster, reads the chosen account from the token, and loses it at once', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const jsOn = testInfo.project.name === 'with-js';
  await page.setViewportSize(jsOn ? { width: 1280, height: 800 } : { width: 375, height: 812 });
  const made = product(port, testInfo.project.name);
  const listener = await listenAsProduct(made.port);
  try {
    const user = freshUser();
    await signUp(page, user);
    await createAccount(page, 'Alpha <i>Co</i>');
    const beta = await createAccount(page, 'Beta Co');
    await page.context().clearCookies();
    const config = await discover(made);
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));

    // Roster's own sign-in page, then the picker and consent.
    const tokens = await signInThroughRoster(page, config, made, listener, async () => {
      await new SignInPage(page).signIn(user.email, user.password);
      await expect(page.getByRole('heading', { name: `Sign in to ${productName}` })).toBeVisible();
      await expect(page.getByText('your email address')).toBeVisible();
      await page.getByRole('radio', { name: 'Beta Co' }).check();
      await page.getByRole('button', { name: `Continue to ${productName}` }).click();
    });
    const id = tokens.claims()!;
    expect(id.email).toBe(user.email);
    expect(id.name).toBe(user.name);
    expect((id.accounts as { name: string }[]).map((account) => account.name).sort()).toEqual([
      'Alpha <i>Co</i>',
      'Beta Co',
    ]);
    // Verified offline with the JWKS, as a product's backend does on every request.
    const { payload: access, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: config.serverMetadata().issuer,
      typ: 'at+jwt',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(access.account_id).toBe(beta);
    expect(access.account_name).toBe('Beta Co');
    expect(access.roles).toEqual(['Base', 'Owner']);
    expect(access.permissions).toContain('write:account');
    expect(access.amr).toEqual(['pwd']);
    const info = await client.fetchUserInfo(config, tokens.access_token, id.sub);
    expect((info.accounts as unknown[]).length).toBe(2);
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(true);

    // Rotation, then revocation felt by introspection at once.
    const rotated = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    await client.tokenRevocation(config, rotated.refresh_token!);
    expect((await client.tokenIntrospection(config, rotated.access_token)).active).toBe(false);

    // Signed in to Roster already, consent given: naming the account goes straight back.
    const again = await signInThroughRoster(page, config, made, listener, async () => {}, { account_id: beta });
    const next = await client.refreshTokenGrant(config, again.refresh_token!);
    await expect(client.refreshTokenGrant(config, again.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(client.refreshTokenGrant(config, next.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    // RP-initiated logout ends the Roster session; back-channel logout tells the product.
    const last = await signInThroughRoster(page, config, made, listener, async () => {}, { account_id: beta });
    const sid = last.claims()!.sid;
    await page.goto(
      client.buildEndSessionUrl(config, {
        id_token_hint: last.id_token!,
        post_logout_redirect_uri: made.bye,
        state: 'bye-state',
      }).href,
    );
    await expect(page.getByRole('heading', { name: 'Signed out of the product' })).toBeVisible();
    expect(new URL(page.url()).searchParams.get('state')).toBe('bye-state');
    await expect
      .poll(() => listener.logoutTokens.map((token) => decodeJwt(token).sid), { timeout: 30_000 })
      .toContain(sid);
    const logout = listener.logoutTokens.find((token) => decodeJwt(token).sid === sid)!;
    const { payload } = await jwtVerify(logout, jwks, {
      issuer: config.serverMetadata().issuer,
      audience: made.clientId,
      typ: 'logout+jwt',
    });
    expect(payload.events).toHaveProperty(['http://schemas.openid.net/event/backchannel-logout']);
    await expect(client.refreshTokenGrant(config, last.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/sign-in/);
  } finally {
    await listener.close();
  }
});

test('a product that is not known, or a redirect it did not register, stops on Roster with the reason', async ({
  page,
}) => {
  const user = freshUser();
  await signUp(page, user);
  await page.goto('/oauth/authorize?response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fevil.example%2F');
  await expect(page.getByRole('heading', { name: 'This sign-in cannot go on' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('not known to this Roster');
  expect(new URL(page.url()).host).toBe(issuer.host);
});
