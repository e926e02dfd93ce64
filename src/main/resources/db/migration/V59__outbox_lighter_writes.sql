-- Every outbox row is written twice (enqueued, then acknowledged), and neither update can be a
-- heap-only one (status is in the queue index's predicate), so each write adds an entry to every
-- index on the table. Two of them served no query that needs them: outbox_status (its readers ask
-- for the few rows waiting for linkage, held or dead, which this smaller index answers; so does
-- the enqueue's check for a held or dead row of the same guarantor) and outbox_payment (no reader). The stored event is read whole by the composer and never
-- queried inside since V58: json keeps it checked for syntax without building jsonb's binary form.
DROP INDEX bridge.outbox_status;
CREATE INDEX outbox_waiting ON bridge.outbox (order_key, status) WHERE status IN ('needs_linkage', 'held', 'dead');
DROP INDEX bridge.outbox_payment;
ALTER TABLE bridge.outbox ALTER COLUMN event_json TYPE json USING event_json::json;
