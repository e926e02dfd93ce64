-- The bridge's shared core: what every flow uses. Flow-specific tables come in their own
-- migrations, numbered by owner: V10-19 patientco adapter, V20-29 hl7, V30-39 staging,
-- V40-49 posting and dead letters, V50-59 schedule and operations.

CREATE SCHEMA IF NOT EXISTS bridge;

-- Incremental reads: how far each resource has been read and committed downstream.
-- The next read starts at (updated_since - overlap window); records already taken are
-- recognised in bridge.seen_record.
CREATE TABLE bridge.watermark (
    resource       text PRIMARY KEY,
    updated_since  timestamptz NOT NULL,
    last_id        text,
    advanced_at    timestamptz NOT NULL DEFAULT now()
);

-- Every record read, by resource and id, with the updatedAt and content hash last processed.
-- A record whose updatedAt and hash match is a re-read and is not processed again.
CREATE TABLE bridge.seen_record (
    resource      text NOT NULL,
    id            text NOT NULL,
    updated_at    timestamptz,
    content_hash  text NOT NULL,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    last_seen     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resource, id)
);

-- Camel's JDBC idempotent repository (webhook event ids, inbound file lines).
CREATE TABLE bridge.camel_messageprocessed (
    processorname  varchar(255) NOT NULL,
    messageid      varchar(100) NOT NULL,
    createdat      timestamp NOT NULL DEFAULT now(),
    PRIMARY KEY (processorname, messageid)
);

-- Crosswalk between Patientco and the EHR. kind: account (-> hospital account number),
-- guarantor (-> EHR guarantor id), patient (-> MRN), encounter (-> visit number).
CREATE TABLE bridge.crosswalk (
    kind          text NOT NULL CHECK (kind IN ('account', 'guarantor', 'patient', 'encounter')),
    patientco_id  text NOT NULL,
    ehr_id        text NOT NULL,
    source        text NOT NULL,            -- 'patientco' (from the record) or 'ehr' (fed back by ADT)
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, patientco_id)
);
CREATE INDEX crosswalk_ehr_id ON bridge.crosswalk (kind, ehr_id);

-- The durable outbox of HL7 messages to the EHR. One row per business event (event_key,
-- e.g. 'refund:ref_123:completed'), so the same event can never produce a second message.
-- msh10 is assigned once and kept for life, resends included.
-- status: needs_linkage (waiting for an MRN) -> pending -> sent -> acked;
--         held (behind a dead letter of the same order key), dead (dead-lettered).
CREATE TABLE bridge.outbox (
    id               bigserial PRIMARY KEY,
    event_key        text NOT NULL UNIQUE,
    flow             text NOT NULL,          -- route id of the flow that produced it
    message_type     text NOT NULL,          -- e.g. 'DFT^P03', 'ADT^A04'
    order_key        text NOT NULL,          -- messages with one order key go in order (the guarantor)
    lane             int NOT NULL,           -- hash(order_key) mod lanes: one sender per lane
    payment_id       text,
    patientco_ids    text[] NOT NULL DEFAULT '{}',
    patient_id       text,                   -- whose MRN PID-3 needs
    batch_id         text,
    msh10            text NOT NULL UNIQUE,
    event_json       jsonb NOT NULL,         -- the bridge record(s) the message is built from
    hl7              text,                   -- the encoded message, frozen once built
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('needs_linkage', 'pending', 'sent', 'acked', 'held', 'dead')),
    attempts         int NOT NULL DEFAULT 0,
    resends          int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    ack_code         text,
    ack_text         text,
    run_id           bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    acked_at         timestamptz
);
CREATE INDEX outbox_lane_pending ON bridge.outbox (lane, id) WHERE status IN ('pending', 'sent');
CREATE INDEX outbox_order_key ON bridge.outbox (order_key, id);
CREATE INDEX outbox_payment ON bridge.outbox (payment_id);
CREATE INDEX outbox_status ON bridge.outbox (status);
CREATE INDEX outbox_run ON bridge.outbox (run_id);

-- Every message sent and every ACK received, searchable by Patientco id, MRN, batch, MSH-10.
CREATE TABLE bridge.message_store (
    id             bigserial PRIMARY KEY,
    outbox_id      bigint REFERENCES bridge.outbox (id),
    direction      text NOT NULL CHECK (direction IN ('out', 'ack', 'in')),
    msh10          text NOT NULL,
    message_type   text,
    patientco_ids  text[] NOT NULL DEFAULT '{}',
    mrn            text,
    batch_id       text,
    ack_code       text,
    body           text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_store_msh10 ON bridge.message_store (msh10);
CREATE INDEX message_store_ids ON bridge.message_store USING gin (patientco_ids);
CREATE INDEX message_store_mrn ON bridge.message_store (mrn);
CREATE INDEX message_store_batch ON bridge.message_store (batch_id);

-- Dead letters of every flow. The payload lives here only, never in logs.
-- status: open -> replayed | resolved (with a note) | discarded;
--         waiting: parked behind another dead letter (blocked_by), released when that one is replayed.
CREATE TABLE bridge.dead_letter (
    id             bigserial PRIMARY KEY,
    flow           text NOT NULL,
    resource       text,
    patientco_id   text,
    related_ids    text[] NOT NULL DEFAULT '{}',
    order_key      text,
    reason         text NOT NULL,
    exception      text,
    attempts       int NOT NULL DEFAULT 1,
    payload        text,
    payload_type   text,
    endpoint_uri   text,                     -- where a replay sends the payload
    outbox_id      bigint REFERENCES bridge.outbox (id),
    blocked_by     bigint REFERENCES bridge.dead_letter (id),
    status         text NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'waiting', 'replayed', 'resolved', 'discarded')),
    note           text,
    run_id         bigint,
    first_seen     timestamptz NOT NULL DEFAULT now(),
    last_seen      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letter_status ON bridge.dead_letter (status, id);
CREATE INDEX dead_letter_patientco_id ON bridge.dead_letter (patientco_id);
CREATE INDEX dead_letter_order_key ON bridge.dead_letter (order_key) WHERE status IN ('open', 'waiting');
-- One open dead letter per (flow, record): a record that fails again bumps attempts and last_seen.
CREATE UNIQUE INDEX dead_letter_open_once ON bridge.dead_letter (flow, patientco_id)
    WHERE status IN ('open', 'waiting') AND patientco_id IS NOT NULL;

-- Who did what: replays, resolutions, manual runs, backfills.
CREATE TABLE bridge.audit (
    id       bigserial PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text NOT NULL,
    action   text NOT NULL,
    target   text,
    detail   text
);

-- Run history of every job, on every node.
CREATE TABLE bridge.job_run (
    id             bigserial PRIMARY KEY,
    job            text NOT NULL,
    node           text NOT NULL,
    trigger        text NOT NULL DEFAULT 'schedule',   -- schedule | manual | backfill | once | webhook | startup
    started_at     timestamptz NOT NULL DEFAULT now(),
    ended_at       timestamptz,
    fetched        int NOT NULL DEFAULT 0,
    sent           int NOT NULL DEFAULT 0,
    acked          int NOT NULL DEFAULT 0,
    staged         int NOT NULL DEFAULT 0,
    dead_lettered  int NOT NULL DEFAULT 0,
    outcome        text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'ok', 'partial', 'failed')),
    error          text
);
CREATE INDEX job_run_job ON bridge.job_run (job, started_at DESC);
