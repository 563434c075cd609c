-- Each place a user is signed in, so that they can see where and end any of them, and so that a
-- password change can end all the others. The server-side session (the `sessions` table of
-- tower-sessions) names its row here; once the row is gone, the session is signed out on its
-- next request. Client and address are what the browser and the connection said at sign-in:
-- shown to the user, never trusted for anything.
CREATE TABLE user_sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    user_agent   TEXT NOT NULL CHECK (length(user_agent) <= 300),
    ip           TEXT NOT NULL CHECK (length(ip) <= 45)
) STRICT;

-- A user's sessions, newest activity first (the profile page), and the sweep by age.
CREATE INDEX user_sessions_by_user ON user_sessions (user_id, last_seen_at);
CREATE INDEX user_sessions_by_last_seen ON user_sessions (last_seen_at);
