-- Each settled item beside what the bridge posted to the EHR for it. The posting of an item is
-- the outbox row keyed by the item's Patientco event: a sale is its payment's capture, a refund
-- its completion, a chargeback its opening, a chargeback reversal the chargeback won.
CREATE VIEW staging.reconciliation AS
SELECT i.batch_id,
       b.facility_id,
       b.deposit_date,
       i.id AS item_id,
       i.type,
       i.payment_id,
       i.refund_id,
       i.chargeback_id,
       i.amount AS settled_amount,
       o.id AS outbox_id,
       o.msh10,
       o.status AS posting_status,
       o.acked_at,
       (o.event_json -> 'data' ->> 'amount')::numeric AS posted_amount,
       CASE
           WHEN i.type = 'fee' THEN 'fee'
           WHEN o.id IS NULL THEN 'settled_not_posted'
           WHEN o.status <> 'acked' THEN 'posted_not_acked'
           WHEN abs(i.amount) <> (o.event_json -> 'data' ->> 'amount')::numeric THEN 'amount_differs'
           ELSE 'matched'
       END AS outcome
FROM staging.settlement_item i
JOIN staging.settlement_batch b ON b.id = i.batch_id
LEFT JOIN bridge.outbox o ON o.event_key = CASE i.type
        WHEN 'sale' THEN 'payment:' || i.payment_id || ':captured'
        WHEN 'refund' THEN 'refund:' || i.refund_id || ':completed'
        WHEN 'chargeback' THEN 'chargeback:' || i.chargeback_id || ':opened'
        WHEN 'chargeback_reversal' THEN 'chargeback:' || i.chargeback_id || ':won'
    END;
