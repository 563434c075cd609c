-- Secrets that let a program act in one account. The secret itself is shown once at creation
-- and never stored: only its SHA-256 (the secret carries 256 random bits, so a plain hash is
-- enough and lets a request find its key by index). `hint` is the secret's first characters,
-- so that a list of keys can tell them apart without revealing them.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY NOT NULL,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    secret_hash  BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    hint         TEXT NOT NULL,
    created_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;

CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at);

-- What a key may do: never more than its creator held when they made it.
CREATE TABLE api_key_permissions (
    key_id     TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (key_id, permission)
) STRICT, WITHOUT ROWID;
