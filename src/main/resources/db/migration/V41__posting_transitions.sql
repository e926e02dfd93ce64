-- The payment lifecycle's own memory of what happened, independent of the outbox: in batch
-- posting mode nothing is enqueued, yet a re-read refund must still not count twice.

-- Every transition the lifecycle has taken, once per (resource id, transition), e.g.
-- 'refund:ref_1:completed'. In event posting mode each one is also an outbox row of the same key.
CREATE TABLE bridge.payment_transition (
    event_key   text PRIMARY KEY,
    payment_id  text NOT NULL,
    kind        text NOT NULL,                -- FinancialEvent.Kind
    source_id   text NOT NULL,                -- pay_, ref_ or cbk_ id
    amount      numeric(14,2) NOT NULL,
    enqueued    boolean NOT NULL,             -- false in batch posting mode
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_transition_payment ON bridge.payment_transition (payment_id, at);

-- The ledger keeps the payment as last seen (so a refund needs no second read from Patientco)
-- and the amounts the EHR has been given for it.
ALTER TABLE bridge.payment_ledger
    ADD COLUMN record             jsonb,
    ADD COLUMN posted_amount      numeric(14,2) NOT NULL DEFAULT 0,  -- payment postings and reposts
    ADD COLUMN reversed_amount    numeric(14,2) NOT NULL DEFAULT 0,  -- void/failure reversals
    ADD COLUMN chargeback_amount  numeric(14,2) NOT NULL DEFAULT 0,  -- open (unresolved or lost) chargebacks
    ADD COLUMN chargeback_status  text;                              -- opened | won | lost (latest)

-- Postings made before this table existed are in the outbox under the same keys.
INSERT INTO bridge.payment_transition (event_key, payment_id, kind, source_id, amount, enqueued, at)
SELECT o.event_key, o.payment_id, o.event_json->'data'->>'kind', split_part(o.event_key, ':', 2),
       (o.event_json->'data'->>'amount')::numeric, true, o.created_at
FROM bridge.outbox o
WHERE o.event_key ~ '^(payment|refund|chargeback):' AND o.payment_id IS NOT NULL
  AND o.event_json->>'type' = 'FinancialEvent'
ON CONFLICT (event_key) DO NOTHING;
UPDATE bridge.payment_ledger SET posted_amount = amount WHERE posted;
UPDATE bridge.payment_ledger SET reversed_amount = amount WHERE posted AND reversed;
