-- Roles inside an account, the permissions of custom roles, who holds which role, and the
-- append-only audit log.
--
-- Built-in roles (Base, Admin, Owner) exist as rows so that they can be listed and referred to,
-- but their permissions are defined in code and never stored: nothing in the database can make
-- them differ from what the code says. Base is held implicitly by every member and Owner by the
-- account's owner (account_owners); only Admin and custom roles appear in member_roles.

CREATE TABLE roles (
    id          TEXT PRIMARY KEY NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 300),
    builtin     TEXT CHECK (builtin IN ('base', 'admin', 'owner')),
    created_at  TEXT NOT NULL
) STRICT;

-- Names are unique per account whatever their case; one row per built-in kind per account.
CREATE UNIQUE INDEX roles_name_unique ON roles (account_id, lower(name));
CREATE UNIQUE INDEX roles_builtin_unique ON roles (account_id, builtin) WHERE builtin IS NOT NULL;

CREATE TABLE role_permissions (
    role_id    TEXT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    permission TEXT NOT NULL CHECK (permission GLOB '*:*'),
    PRIMARY KEY (role_id, permission)
) STRICT, WITHOUT ROWID;

-- Deleting a role that someone still holds fails (RESTRICT): the delete must unassign first,
-- on purpose, in the same transaction.
CREATE TABLE member_roles (
    account_id TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    role_id    TEXT NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
    PRIMARY KEY (account_id, user_id, role_id),
    FOREIGN KEY (account_id, user_id) REFERENCES memberships (account_id, user_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX member_roles_by_role ON member_roles (role_id);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    actor_id    TEXT REFERENCES users (id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    target_name TEXT NOT NULL,
    details     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX audit_events_by_account ON audit_events (account_id, id DESC);

-- Accounts created before roles existed get their built-in roles.
INSERT INTO roles (id, account_id, name, description, builtin, created_at)
SELECT lower(hex(randomblob(16))), a.id, b.name, b.description, b.builtin, a.created_at
FROM accounts a
CROSS JOIN (
    SELECT 'Base' AS name, 'Held by every member: the minimum.' AS description, 'base' AS builtin
    UNION ALL SELECT 'Admin', 'Every permission except changing the account itself.', 'admin'
    UNION ALL SELECT 'Owner', 'Every permission. Exactly one member holds it.', 'owner'
) b;
