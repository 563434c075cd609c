-- Whether a delivery was queued by "Deliver again", kept in the row itself. The unique index
-- that keeps one automatic delivery per event and endpoint read it from `redelivery_of`, which
-- becomes NULL when the delivery it points to is deleted: removing an endpoint (or its account)
-- with two redeliveries of one event turned both into "automatic" ones mid-delete and broke
-- the index, so the endpoint could never be removed. Existing rows are marked from the link.
ALTER TABLE webhook_deliveries ADD COLUMN redelivery INTEGER NOT NULL DEFAULT 0;
UPDATE webhook_deliveries SET redelivery = 1 WHERE redelivery_of IS NOT NULL;
DROP INDEX webhook_deliveries_once;
CREATE UNIQUE INDEX webhook_deliveries_once
    ON webhook_deliveries (endpoint_id, event_id) WHERE redelivery = 0;
