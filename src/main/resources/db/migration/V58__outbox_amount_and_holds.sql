-- The amount a posting carries, as a column: reconciliation reads it without opening the event's
-- JSON (which holds the account, PHI).
ALTER TABLE bridge.outbox ADD COLUMN amount numeric(14,2);
UPDATE bridge.outbox SET amount = (event_json -> 'data' ->> 'amount')::numeric
WHERE event_json ->> 'type' = 'FinancialEvent';

CREATE OR REPLACE VIEW staging.reconciliation AS
SELECT i.batch_id,
       b.facility_id,
       b.deposit_date,
       i.id AS item_id,
       i.type,
       i.payment_id,
       i.refund_id,
       i.chargeback_id,
       i.amount AS settled_amount,
       coalesce(o.id, d.id) AS outbox_id,
       coalesce(o.msh10, d.msh10) AS msh10,
       coalesce(o.status, d.status) AS posting_status,
       coalesce(o.acked_at, d.acked_at) AS acked_at,
       CASE WHEN o.id IS NOT NULL THEN o.amount
            WHEN d.id IS NOT NULL THEN abs(i.amount) END AS posted_amount,
       CASE
           WHEN i.type = 'fee' THEN 'fee'
           WHEN o.id IS NULL AND d.id IS NULL THEN 'settled_not_posted'
           WHEN coalesce(o.status, d.status) <> 'acked' THEN 'posted_not_acked'
           WHEN o.id IS NOT NULL AND abs(i.amount) <> o.amount THEN 'amount_differs'
           ELSE 'matched'
       END AS outcome
FROM staging.settlement_item i
JOIN staging.settlement_batch b ON b.id = i.batch_id
LEFT JOIN bridge.outbox o ON o.event_key = CASE i.type
        WHEN 'sale' THEN 'payment:' || i.payment_id || ':captured'
        WHEN 'refund' THEN 'refund:' || i.refund_id || ':completed'
        WHEN 'chargeback' THEN 'chargeback:' || i.chargeback_id || ':opened'
        WHEN 'chargeback_reversal' THEN 'chargeback:' || i.chargeback_id || ':won'
    END
LEFT JOIN bridge.outbox d ON d.event_key = 'settlement:' || i.batch_id || ':deposited';

-- What a dead letter holds back: the payment, account and guarantor it is about (payment:pay_1,
-- account:acc_1, guarantor:gtr_1). A later record with any of these keys waits behind it, wherever
-- in the flow it was dead-lettered, so the EHR never receives a guarantor's events out of order.
ALTER TABLE bridge.dead_letter ADD COLUMN hold_keys text[] NOT NULL DEFAULT '{}';
CREATE INDEX dead_letter_hold_keys ON bridge.dead_letter USING gin (hold_keys)
    WHERE status IN ('open', 'waiting');
