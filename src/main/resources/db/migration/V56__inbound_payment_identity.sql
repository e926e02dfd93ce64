-- Inbound payments are keyed by their business identity (the hospital's reference, or account,
-- token and amount without one), not by the file they came in: a payment re-sent in any file on any
-- day is charged once. Each identity has attempts; a refused attempt (a 4xx from Patientco) lets a
-- corrected re-send try again under a new Idempotency-Key. 'pending' is claimed before Patientco is
-- called, so two files asking at once charge once.
ALTER TABLE bridge.inbound_payment DROP CONSTRAINT inbound_payment_status_check;
ALTER TABLE bridge.inbound_payment
    ADD COLUMN identity   text,
    ADD COLUMN attempt    int NOT NULL DEFAULT 1,
    ADD COLUMN reference  text,
    ADD COLUMN account_id text,
    ADD COLUMN amount     numeric(12, 2),
    ADD COLUMN token      text,
    ADD CONSTRAINT inbound_payment_status_check CHECK (status IN ('pending', 'paid', 'failed'));
-- Rows of the per-file keys, from before, name no identity: they stay for their history.
UPDATE bridge.inbound_payment SET identity = 'file-key:' || idempotency_key WHERE identity IS NULL;
ALTER TABLE bridge.inbound_payment ALTER COLUMN identity SET NOT NULL;
CREATE UNIQUE INDEX inbound_payment_attempt ON bridge.inbound_payment (identity, attempt);
