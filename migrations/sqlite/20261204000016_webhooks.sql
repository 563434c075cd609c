-- Webhook endpoints: URLs that receive an account's events, signed with the endpoint's
-- secret. The secret is kept as it is (HMAC needs it to sign every delivery), shown to the
-- person who made the endpoint once, and never sent anywhere else. `events` is the
-- space-separated list of the events it receives.
CREATE TABLE webhook_endpoints (
    id         TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    url        TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    events     TEXT NOT NULL CHECK (length(events) > 0),
    secret     TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints (account_id, created_at);

-- The webhook outbox: one row per event per endpoint, written in the transaction of the
-- change, delivered after it commits. `event_id` names the event for receivers, who may see
-- it twice only when someone presses "Redeliver" (`redelivery_of`).
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    endpoint_id     TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id        TEXT NOT NULL,
    event           TEXT NOT NULL,
    payload         TEXT NOT NULL,
    redelivery_of   INTEGER REFERENCES webhook_deliveries (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at    TEXT,
    abandoned_at    TEXT,
    last_status     INTEGER,
    last_error      TEXT
) STRICT;

-- Each automatic delivery exists once per event and endpoint.
CREATE UNIQUE INDEX webhook_deliveries_once
    ON webhook_deliveries (endpoint_id, event_id) WHERE redelivery_of IS NULL;
-- The worker's question: what is due?
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE delivered_at IS NULL AND abandoned_at IS NULL;
-- The log of one endpoint, newest first.
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id DESC);

-- Invitations left pending past their expiry are ended by a sweep every minute (and announced
-- as `invitation.expired`): this finds them without reading the answered ones.
CREATE INDEX invitations_pending_by_expiry ON invitations (expires_at) WHERE status = 'pending';
