-- Payment requests from the hospital's inbound folder, one row per file line, by the
-- Idempotency-Key derived from the file's content hash and the line number. Patientco keeps
-- keys for 24 hours; this table keeps them for good, so a file dropped again a week later still
-- pays nothing twice. Lines rejected for card or bank data are never stored here.
CREATE TABLE bridge.inbound_payment (
    idempotency_key  text PRIMARY KEY,
    file_name        text NOT NULL,
    line_no          int NOT NULL,
    status           text NOT NULL CHECK (status IN ('paid', 'failed')),
    payment_id       text,
    receipt_number   text,
    error            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
