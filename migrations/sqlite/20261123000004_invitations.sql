-- Invitations to join an account, and the roles each carries.
--
-- The token itself is never stored: only its SHA-256 hash (32 bytes).
-- "One pending invitation per (account, email)" is a partial unique index, so that two
-- concurrent invites of the same address cannot both be pending; emails are stored normalised.
-- An invitation past its expiry is still 'pending' until something touches it; readers compare
-- expires_at with the time, and the writer that finds it marks it 'expired' first.

CREATE TABLE invitations (
    id          TEXT PRIMARY KEY NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email       TEXT NOT NULL CHECK (email = lower(trim(email)) AND length(email) BETWEEN 3 AND 254),
    invited_by  TEXT REFERENCES users (id) ON DELETE SET NULL,
    token_hash  BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'declined', 'revoked', 'expired')),
    created_at  TEXT NOT NULL,
    sent_at     TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    CHECK ((status = 'pending') = (resolved_at IS NULL))
) STRICT;

CREATE UNIQUE INDEX invitations_one_pending_per_email ON invitations (account_id, email)
    WHERE status = 'pending';
-- The banner: pending invitations addressed to the signed-in email.
CREATE INDEX invitations_by_email ON invitations (email) WHERE status = 'pending';

-- Deleting a role that an invitation still carries fails (RESTRICT): the role delete unassigns
-- it on purpose, in its own transaction.
CREATE TABLE invitation_roles (
    invitation_id TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
    role_id       TEXT NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
    PRIMARY KEY (invitation_id, role_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX invitation_roles_by_role ON invitation_roles (role_id);
