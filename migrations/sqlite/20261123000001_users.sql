-- People who can sign in.
-- Ids are UUIDs as text: they appear in URLs and must not be guessable in sequence.
-- Emails are stored normalised (trimmed, lower-cased by the application); the CHECK keeps
-- anything that bypassed normalisation out, and the unique index makes "one account per email"
-- hold even under concurrent sign-ups.
CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL CHECK (email = lower(trim(email)) AND length(email) BETWEEN 3 AND 254),
    display_name  TEXT NOT NULL CHECK (length(trim(display_name)) BETWEEN 1 AND 100),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX users_email_unique ON users (email);
