-- The few SQLite spellings Roster's queries use, given to PostgreSQL, so that each query is one
-- text for both databases (the SQLite file of this version changes nothing).

-- instr(haystack, needle): where needle first starts, 1-based; 0 when it is absent.
CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT strpos(haystack, needle) $$;

-- json_each(text): the elements of a JSON array as rows of one column, `value`, as text (the
-- queries pass lists of ids this way). PostgreSQL's own json_each takes json, not text.
CREATE FUNCTION json_each(list TEXT) RETURNS TABLE (value TEXT)
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT json_array_elements_text(list::json) $$;

-- COLLATE NOCASE: equal and ordered without regard to case, as SQLite's. An ICU collation at
-- the secondary strength, so it also orders letters with accents beside those without.
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- The sessions table of tower-sessions' PostgreSQL store, made here rather than by the store at
-- start: migrations run under a lock, so servers that start together do not race to make it.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BYTEA NOT NULL,
    expiry_date TIMESTAMPTZ NOT NULL
);
