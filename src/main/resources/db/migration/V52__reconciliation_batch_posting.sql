-- In batch posting mode an item is posted as an FT1 of its deposit's DFT (event key
-- settlement:<batch>:deposited), carrying the item's own amount; in event mode, as before, by
-- its Patientco event's row.
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
       CASE WHEN o.id IS NOT NULL THEN (o.event_json -> 'data' ->> 'amount')::numeric
            WHEN d.id IS NOT NULL THEN abs(i.amount) END AS posted_amount,
       CASE
           WHEN i.type = 'fee' THEN 'fee'
           WHEN o.id IS NULL AND d.id IS NULL THEN 'settled_not_posted'
           WHEN coalesce(o.status, d.status) <> 'acked' THEN 'posted_not_acked'
           WHEN o.id IS NOT NULL AND abs(i.amount) <> (o.event_json -> 'data' ->> 'amount')::numeric THEN 'amount_differs'
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
