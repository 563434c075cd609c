-- Second factors: an authenticator app (TOTP) and recovery codes, and how each session was made.

-- One authenticator app per user. While `confirmed_at` is NULL it is being enrolled: its secret
-- is shown on the profile until a current code proves the app holds it; once confirmed the
-- secret is never shown again. `last_step` is the newest 30-second step a code was accepted
-- for: a code is taken by one UPDATE that moves it forward, so a replayed code (or an older
-- one) is refused by the database, even by two sign-ins at once.
CREATE TABLE authenticator_apps (
    user_id      TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL CHECK (length(secret) BETWEEN 16 AND 64),
    created_at   TEXT NOT NULL,
    confirmed_at TEXT,
    last_step    INTEGER
) STRICT;

-- Single-use recovery codes, stored as SHA-256 hashes (each code holds 79 random bits).
CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  BLOB NOT NULL CHECK (length(code_hash) = 32),
    created_at TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
) STRICT;

-- Which factors made the session ("pwd otp", "pwd recovery", …) and when the last was given:
-- the profile shows it, and a later step-up or token reads it.
ALTER TABLE user_sessions ADD COLUMN factors TEXT NOT NULL DEFAULT 'pwd' CHECK (length(factors) <= 100);
ALTER TABLE user_sessions ADD COLUMN second_factor_at TEXT;

-- An account that requires a second factor of its members, since this moment (NULL: it does
-- not). A member without one keeps their membership, but the account's pages, server
-- functions and API answer "this account requires a second factor" until they add one.
ALTER TABLE accounts ADD COLUMN second_factor_required_at TEXT;

-- Passkeys (WebAuthn credentials), several per user, each named by them. `credential` is the
-- public key and signature counter as webauthn-rs keeps them (JSON); a credential id is
-- registered once.
CREATE TABLE passkeys (
    id            TEXT PRIMARY KEY NOT NULL,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    credential_id BLOB NOT NULL UNIQUE CHECK (length(credential_id) BETWEEN 16 AND 1023),
    credential    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT
) STRICT;

CREATE INDEX passkeys_by_user ON passkeys (user_id, created_at);
