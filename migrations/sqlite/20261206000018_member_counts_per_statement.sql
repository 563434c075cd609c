-- PostgreSQL's file of this version counts and indexes joining members once per statement
-- rather than once per row. SQLite updates a row in place, so its triggers stay as they are.
SELECT 1;
