-- The operations console: a message browser over the outbox (one row per message, whatever its
-- state), delivery pause per EHR connection, an audit log no one can edit, logins slowed and
-- locked out, passwords changed by their users, and retention by age.

-- The browser pages by (created_at, id), newest first, and finds a guarantor's, an account's or a
-- payment's messages by the Patientco ids they carry. Every other filter (type, outcome, facility)
-- is not selective enough to earn an index on the hottest table: it is checked along the first;
-- the rare outcomes (waiting, held, dead) have the queue's and V59's partial indexes.
ALTER TABLE bridge.outbox ADD COLUMN facility text;
-- The event's account's facility (payments, reversals, ADT), or its settlement batch's (deposit postings).
UPDATE bridge.outbox SET facility = COALESCE(event_json -> 'data' -> 'account' ->> 'facilityId',
    event_json -> 'data' -> 'batch' ->> 'facilityId');
-- An ADT row is 'ADT' until built; event_type is MSH-9 as built (ADT^A04, ADT^A31, DFT^P03).
ALTER TABLE bridge.outbox ADD COLUMN event_type text;
CREATE INDEX outbox_browse ON bridge.outbox (created_at DESC, id DESC);
CREATE INDEX outbox_ids ON bridge.outbox USING gin (patientco_ids);

-- A message's sends and their ACKs, found from its outbox row; and by age, for the rate chart and retention.
CREATE INDEX message_store_outbox ON bridge.message_store (outbox_id, id);
CREATE INDEX message_store_created ON bridge.message_store (created_at);

-- Retention removes bodies (PHI) before the metadata around them.
ALTER TABLE bridge.message_store ALTER COLUMN body DROP NOT NULL;
ALTER TABLE bridge.outbox ADD COLUMN body_pruned_at timestamptz;
ALTER TABLE bridge.message_store ADD COLUMN body_pruned_at timestamptz;
CREATE INDEX outbox_unpruned ON bridge.outbox (acked_at) WHERE status = 'acked' AND body_pruned_at IS NULL;
CREATE INDEX message_store_unpruned ON bridge.message_store (created_at) WHERE body_pruned_at IS NULL;
CREATE INDEX seen_record_last_seen ON bridge.seen_record (last_seen);
CREATE INDEX job_run_started ON bridge.job_run (started_at);
CREATE INDEX camel_messageprocessed_created ON bridge.camel_messageprocessed (createdat);
ALTER TABLE bridge.job_run ADD COLUMN detail text;

-- Delivery paused per EHR connection: the outbox fills, nothing is sent, nothing is lost.
CREATE TABLE bridge.delivery_control (
    connection  text PRIMARY KEY,
    paused      boolean NOT NULL DEFAULT false,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    changed_by  text,
    reason      text
);

-- The audit log: who, when, what, on what; before and after for an edit. Rows are only added;
-- only the retention job (which sets bridge.retention for its transaction) removes old ones.
ALTER TABLE bridge.audit ADD COLUMN address text, ADD COLUMN before text, ADD COLUMN after text;
CREATE INDEX audit_at ON bridge.audit (at DESC, id DESC);
CREATE INDEX audit_action ON bridge.audit (action, at DESC, id DESC);
CREATE INDEX audit_actor ON bridge.audit (actor, at DESC, id DESC);

CREATE FUNCTION bridge.audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('bridge.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'bridge.audit is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON bridge.audit
    FOR EACH ROW EXECUTE FUNCTION bridge.audit_is_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON bridge.audit
    FOR EACH STATEMENT EXECUTE FUNCTION bridge.audit_is_append_only();

-- Failed logins per user and per address, to slow and then lock out guessing.
CREATE TABLE bridge.login_failure (
    key           text PRIMARY KEY,   -- 'user:<name>' or 'address:<ip>'
    failures      int NOT NULL,
    last_failure  timestamptz NOT NULL,
    locked_until  timestamptz
);

-- A password its user changed; it takes the place of the configured hash.
CREATE TABLE bridge.ops_password (
    username    text PRIMARY KEY,
    hash        text NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
