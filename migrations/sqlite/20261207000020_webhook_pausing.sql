-- An endpoint that keeps failing is paused, not hammered: its failed attempts in a row are
-- counted (a delivery that goes through clears the count), and at --webhook-pause-after it is
-- paused, with why; its deliveries wait until someone resumes it.
ALTER TABLE webhook_endpoints ADD COLUMN failures_in_a_row INTEGER NOT NULL DEFAULT 0;
ALTER TABLE webhook_endpoints ADD COLUMN paused_at TEXT;
ALTER TABLE webhook_endpoints ADD COLUMN paused_because TEXT;
