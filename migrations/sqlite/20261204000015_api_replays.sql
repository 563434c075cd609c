-- A program that retries a POST with the same Idempotency-Key gets the first answer again,
-- for a day, instead of the change made twice. One row per key and idempotency key; the
-- fingerprint (SHA-256 of the method, path and body) tells a retry from another request
-- sent under the same idempotency key, which is refused.
CREATE TABLE api_replays (
    key_id          TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    fingerprint     BLOB NOT NULL CHECK (length(fingerprint) = 32),
    status          INTEGER NOT NULL,
    content_type    TEXT NOT NULL,
    body            BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (key_id, idempotency_key)
) STRICT, WITHOUT ROWID;

-- Answers older than a day are forgotten: this finds them.
CREATE INDEX api_replays_by_age ON api_replays (created_at);
