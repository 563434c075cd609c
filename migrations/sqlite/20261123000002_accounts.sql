-- Accounts (tenants), their members, and the one owner of each.
--
-- "Exactly one owner per account" is stated by the schema itself:
--   * account_owners has the account as its primary key: a second owner row cannot exist;
--   * accounts references account_owners (checked at COMMIT): an account without an owner
--     cannot be committed;
--   * account_owners references memberships: the owner is always a member, and the owner's
--     membership cannot be deleted while they own the account (RESTRICT).
-- Transferring ownership is an UPDATE of account_owners.user_id, never a delete + insert.

CREATE TABLE accounts (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    created_at TEXT NOT NULL,
    FOREIGN KEY (id) REFERENCES account_owners (account_id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

-- One membership per (account, user): the primary key.
CREATE TABLE memberships (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, user_id)
) STRICT, WITHOUT ROWID;

-- "Which accounts does this user belong to" (the header switcher) must not scan.
CREATE INDEX memberships_by_user ON memberships (user_id, account_id);

CREATE TABLE account_owners (
    account_id TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL,
    FOREIGN KEY (account_id, user_id) REFERENCES memberships (account_id, user_id)
        ON DELETE RESTRICT ON UPDATE RESTRICT
) STRICT;
