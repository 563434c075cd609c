-- PostgreSQL's file of this version gives it SQLite's instr, json_each(text) and COLLATE NOCASE,
-- which SQLite has already.
--
-- Both make the sessions table of tower-sessions' store (until now the store made it at start,
-- as it still would on a database that lacks it), so that both schemas list the same tables.
CREATE TABLE IF NOT EXISTS sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BLOB NOT NULL,
    expiry_date INTEGER NOT NULL
);
