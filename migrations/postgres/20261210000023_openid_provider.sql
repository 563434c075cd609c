-- Roster as an OpenID Connect provider: the keys its tokens are signed with, what users
-- consented to, and each sign-in of a product (a grant) with its codes and refresh tokens.

-- Signing keys. A key signs from `signs_from`: a rotated-in key is published in the JWKS a day
-- (a flag) before it signs, so that every product has fetched it first. The private half
-- (PKCS#8) never leaves the server: no endpoint, export or log shows it.
CREATE TABLE oauth_signing_keys (
    kid         TEXT PRIMARY KEY,
    algorithm   TEXT NOT NULL CHECK (algorithm IN ('ES256', 'RS256')),
    private_key BYTEA NOT NULL,
    public_jwk  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    signs_from  TEXT NOT NULL
);

CREATE INDEX oauth_signing_keys_by_start ON oauth_signing_keys (algorithm, signs_from);

-- A user's consent to a product, for the scopes it names (a product asking for more asks again).
CREATE TABLE oauth_consents (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 100),
    scope      TEXT NOT NULL CHECK (length(scope) <= 1000),
    granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

-- One sign-in of one user into one product, for one account: the family every refresh token of
-- it belongs to. It ends when the Roster session it came from ends (sign-out, a password reset,
-- "sign out everywhere": `session_row` becomes NULL by the foreign key, whatever ended it), when
-- the member is removed, or when a refresh token is used twice (`ended_at`). A product that
-- asked for back-channel logout (`backchannel`) is then told, once (`logout_sent_at`).
CREATE TABLE oauth_grants (
    id                   TEXT PRIMARY KEY,
    client_id            TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 100),
    user_id              TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id           TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    session_row          TEXT REFERENCES user_sessions (id) ON DELETE SET NULL,
    scope                TEXT NOT NULL CHECK (length(scope) <= 1000),
    amr                  TEXT NOT NULL CHECK (length(amr) <= 100),
    auth_time            BIGINT NOT NULL,
    created_at           TEXT NOT NULL,
    ended_at             TEXT,
    backchannel          BOOLEAN NOT NULL,
    logout_claimed_until TEXT,
    logout_sent_at       TEXT
);

CREATE INDEX oauth_grants_by_session ON oauth_grants (session_row);
CREATE INDEX oauth_grants_by_member ON oauth_grants (account_id, user_id);
CREATE INDEX oauth_grants_logout_due ON oauth_grants (created_at)
    WHERE backchannel AND logout_sent_at IS NULL AND (session_row IS NULL OR ended_at IS NOT NULL);

-- Authorization codes, stored as SHA-256 hashes, used once (`used_at`, by one UPDATE); a code
-- used twice ends the grant it was exchanged for.
CREATE TABLE oauth_codes (
    code_hash      BYTEA PRIMARY KEY CHECK (octet_length(code_hash) = 32),
    client_id      TEXT NOT NULL,
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    account_id     TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    session_row    TEXT NOT NULL,
    redirect_uri   TEXT NOT NULL,
    scope          TEXT NOT NULL,
    nonce          TEXT,
    code_challenge TEXT NOT NULL,
    amr            TEXT NOT NULL,
    auth_time      BIGINT NOT NULL,
    expires_at     TEXT NOT NULL,
    used_at        TEXT,
    grant_id       TEXT
);

CREATE INDEX oauth_codes_by_expiry ON oauth_codes (expires_at);

-- Refresh tokens, stored as SHA-256 hashes. Each is used once: using it gives a new one
-- (rotation); presenting a used one again ends its whole grant (reuse detection).
CREATE TABLE oauth_refresh_tokens (
    token_hash BYTEA PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    grant_id   TEXT NOT NULL REFERENCES oauth_grants (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE INDEX oauth_refresh_tokens_by_grant ON oauth_refresh_tokens (grant_id);
CREATE INDEX oauth_refresh_tokens_by_expiry ON oauth_refresh_tokens (expires_at);
