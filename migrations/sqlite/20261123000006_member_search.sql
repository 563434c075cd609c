-- What the User Management search looks up: for each member of each account, the terms a
-- search may start with (the email, the display name, and the name from its second word on),
-- lower-cased. Keyed by account first, so that a search reads one account's slice of the index
-- and never scans (at 100,000 members as at 10). Kept up to date by triggers, so that no code
-- path that adds, removes or renames someone can forget it.

CREATE TABLE member_search (
    account_id TEXT NOT NULL,
    term       TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    PRIMARY KEY (account_id, term, user_id),
    FOREIGN KEY (account_id, user_id) REFERENCES memberships (account_id, user_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX member_search_by_member ON member_search (account_id, user_id);

CREATE TRIGGER member_search_on_join AFTER INSERT ON memberships
BEGIN
    INSERT OR IGNORE INTO member_search (account_id, term, user_id)
    SELECT NEW.account_id, lower(email), id FROM users WHERE id = NEW.user_id;
    INSERT OR IGNORE INTO member_search (account_id, term, user_id)
    SELECT NEW.account_id, lower(display_name), id FROM users WHERE id = NEW.user_id;
    INSERT OR IGNORE INTO member_search (account_id, term, user_id)
    SELECT NEW.account_id, lower(ltrim(substr(display_name, instr(display_name, ' ') + 1))), id
    FROM users WHERE id = NEW.user_id AND instr(display_name, ' ') > 0;
END;

CREATE TRIGGER member_search_on_rename AFTER UPDATE OF email, display_name ON users
BEGIN
    DELETE FROM member_search WHERE user_id = NEW.id
        AND account_id IN (SELECT account_id FROM memberships WHERE user_id = NEW.id);
    INSERT OR IGNORE INTO member_search (account_id, term, user_id)
    SELECT account_id, lower(NEW.email), NEW.id FROM memberships WHERE user_id = NEW.id;
    INSERT OR IGNORE INTO member_search (account_id, term, user_id)
    SELECT account_id, lower(NEW.display_name), NEW.id FROM memberships WHERE user_id = NEW.id;
    INSERT OR IGNORE INTO member_search (account_id, term, user_id)
    SELECT account_id, lower(ltrim(substr(NEW.display_name, instr(NEW.display_name, ' ') + 1))), NEW.id
    FROM memberships WHERE user_id = NEW.id AND instr(NEW.display_name, ' ') > 0;
END;

-- Members who joined before search existed.
INSERT OR IGNORE INTO member_search (account_id, term, user_id)
SELECT m.account_id, lower(u.email), m.user_id FROM memberships m JOIN users u ON u.id = m.user_id;
INSERT OR IGNORE INTO member_search (account_id, term, user_id)
SELECT m.account_id, lower(u.display_name), m.user_id FROM memberships m JOIN users u ON u.id = m.user_id;
INSERT OR IGNORE INTO member_search (account_id, term, user_id)
SELECT m.account_id, lower(ltrim(substr(u.display_name, instr(u.display_name, ' ') + 1))), m.user_id
FROM memberships m JOIN users u ON u.id = m.user_id WHERE instr(u.display_name, ' ') > 0;
