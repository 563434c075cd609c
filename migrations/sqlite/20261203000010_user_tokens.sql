-- Single-use links sent to a user by mail (today: setting a new password), the same scheme as
-- invitation links: 256 random bits in the link, only their SHA-256 here, an expiry, and the
-- moment of use. `purpose` is checked by the code's enum, so that a later purpose (verifying an
-- address) needs no table rebuild.
CREATE TABLE user_tokens (
    token_hash BLOB PRIMARY KEY NOT NULL CHECK (length(token_hash) = 32),
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
) STRICT;

CREATE INDEX user_tokens_by_user ON user_tokens (user_id, purpose);
