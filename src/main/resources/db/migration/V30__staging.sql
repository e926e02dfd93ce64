-- Staging: every Patientco record the bridge has read, keyed by its Patientco id, with when
-- the bridge first and last saw it. Finance reconciles from here.
CREATE SCHEMA IF NOT EXISTS staging;

CREATE TABLE staging.account (
    id            text PRIMARY KEY,
    facility_id   text NOT NULL,
    guarantor_id  text NOT NULL,
    status        text NOT NULL,
    record        jsonb NOT NULL,          -- the whole account, for the HL7 flows (PHI: database only)
    updated_at    timestamptz NOT NULL,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    last_seen     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staging.payment (
    id                   text PRIMARY KEY,
    account_id           text NOT NULL,
    amount               numeric(14,2) NOT NULL,
    currency             text NOT NULL,
    method_type          text,
    channel              text,
    status               text NOT NULL,
    status_rank          int NOT NULL,     -- statuses only move forward
    refunded_amount      numeric(14,2) NOT NULL DEFAULT 0,
    disputed             boolean NOT NULL DEFAULT false,
    captured_at          timestamptz,
    settlement_batch_id  text,
    updated_at           timestamptz NOT NULL,
    first_seen           timestamptz NOT NULL DEFAULT now(),
    last_seen            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_batch ON staging.payment (settlement_batch_id);

CREATE TABLE staging.refund (
    id                   text PRIMARY KEY,
    payment_id           text NOT NULL,
    account_id           text,
    amount               numeric(14,2) NOT NULL,
    status               text NOT NULL,
    status_rank          int NOT NULL,
    completed_at         timestamptz,
    settlement_batch_id  text,
    updated_at           timestamptz NOT NULL,
    first_seen           timestamptz NOT NULL DEFAULT now(),
    last_seen            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staging.chargeback (
    id                   text PRIMARY KEY,
    payment_id           text NOT NULL,
    account_id           text,
    amount               numeric(14,2) NOT NULL,
    reason_code          text,
    status               text NOT NULL,
    status_rank          int NOT NULL,
    opened_at            timestamptz,
    resolved_at          timestamptz,
    settlement_batch_id  text,
    updated_at           timestamptz NOT NULL,
    first_seen           timestamptz NOT NULL DEFAULT now(),
    last_seen            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staging.settlement_batch (
    id                 text PRIMARY KEY,
    merchant_id        text,
    facility_id        text NOT NULL,
    cutoff_at          timestamptz,
    deposit_date       date,
    status             text NOT NULL,
    currency           text NOT NULL,
    gross_amount       numeric(14,2) NOT NULL,
    refund_amount      numeric(14,2) NOT NULL,
    chargeback_amount  numeric(14,2) NOT NULL,
    fee_amount         numeric(14,2) NOT NULL,
    net_amount         numeric(14,2) NOT NULL,
    item_count         int NOT NULL,
    items_source       text NOT NULL,      -- api | portal
    updated_at         timestamptz NOT NULL,
    first_seen         timestamptz NOT NULL DEFAULT now(),
    last_seen          timestamptz NOT NULL DEFAULT now(),
    staged_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX settlement_batch_deposit ON staging.settlement_batch (deposit_date);

CREATE TABLE staging.settlement_item (
    id             text PRIMARY KEY,
    batch_id       text NOT NULL REFERENCES staging.settlement_batch (id),
    type           text NOT NULL,
    payment_id     text,
    refund_id      text,
    chargeback_id  text,
    account_id     text,
    amount         numeric(14,2) NOT NULL,
    occurred_at    timestamptz NOT NULL,
    first_seen     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX settlement_item_batch ON staging.settlement_item (batch_id);
CREATE INDEX settlement_item_payment ON staging.settlement_item (payment_id);

-- A change Patientco reported for a batch already deposited: recorded, never applied.
CREATE TABLE staging.discrepancy (
    id              bigserial PRIMARY KEY,
    batch_id        text NOT NULL,
    field           text NOT NULL,
    staged_value    text,
    incoming_value  text,
    seen_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staging.statement (
    id                text PRIMARY KEY,
    account_id        text NOT NULL,
    statement_date    date NOT NULL,
    due_date          date,
    amount_due        numeric(14,2) NOT NULL,
    line_count        int NOT NULL,
    delivery_channel  text,
    delivery_status   text,
    delivery_rank     int NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL,
    first_seen        timestamptz NOT NULL DEFAULT now(),
    last_seen         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staging.payment_plan (
    id                  text PRIMARY KEY,
    account_id          text NOT NULL,
    status              text NOT NULL,
    total_amount        numeric(14,2) NOT NULL,
    remaining_balance   numeric(14,2) NOT NULL,
    installment_amount  numeric(14,2),
    frequency           text,
    next_draft_date     date,
    autopay             boolean,
    installments        jsonb NOT NULL,     -- due date, amount, status, payment id of each installment
    updated_at          timestamptz NOT NULL,
    first_seen          timestamptz NOT NULL DEFAULT now(),
    last_seen           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staging.communication (
    id            text PRIMARY KEY,
    account_id    text NOT NULL,
    channel       text,
    type          text,
    status        text NOT NULL,
    statement_id  text,
    occurred_at   timestamptz,
    updated_at    timestamptz NOT NULL,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    last_seen     timestamptz NOT NULL DEFAULT now()
);
