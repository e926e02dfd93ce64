-- The 835 per deposit: one row per deposited batch, written in the page's transaction that staged
-- the batch; its control number numbers the file's ISA/GS for life, so a file written twice (a
-- crash before 'delivered', two nodes) is the same bytes under the same name.
CREATE SEQUENCE bridge.remittance_control MAXVALUE 999999999;
CREATE TABLE bridge.remittance (
    batch_id       text PRIMARY KEY,
    facility_id    text NOT NULL,
    net_amount     numeric(14,2) NOT NULL,
    control_number bigint NOT NULL DEFAULT nextval('bridge.remittance_control'),
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'refused')),
    file_name      text,
    sha256         text,
    reason         text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    delivered_at   timestamptz
);
CREATE INDEX remittance_pending ON bridge.remittance (control_number) WHERE status = 'pending';

-- Reconciliation counts an item of a deposit delivered as an 835 as posted.
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
       coalesce(o.status, d.status, CASE WHEN r.status = 'delivered' THEN 'acked' ELSE r.status END) AS posting_status,
       coalesce(o.acked_at, d.acked_at, r.delivered_at) AS acked_at,
       CASE WHEN o.id IS NOT NULL THEN o.amount
            WHEN d.id IS NOT NULL OR r.batch_id IS NOT NULL THEN abs(i.amount) END AS posted_amount,
       CASE
           WHEN i.type = 'fee' THEN 'fee'
           WHEN o.id IS NULL AND d.id IS NULL AND r.batch_id IS NULL THEN 'settled_not_posted'
           WHEN coalesce(o.status, d.status, CASE WHEN r.status = 'delivered' THEN 'acked' ELSE r.status END)
                <> 'acked' THEN 'posted_not_acked'
           WHEN o.id IS NOT NULL AND abs(i.amount) <> o.amount THEN 'amount_differs'
           ELSE 'matched'
       END AS outcome,
       r.file_name AS remittance_file
FROM staging.settlement_item i
JOIN staging.settlement_batch b ON b.id = i.batch_id
LEFT JOIN bridge.outbox o ON o.event_key = CASE i.type
        WHEN 'sale' THEN 'payment:' || i.payment_id || ':captured'
        WHEN 'refund' THEN 'refund:' || i.refund_id || ':completed'
        WHEN 'chargeback' THEN 'chargeback:' || i.chargeback_id || ':opened'
        WHEN 'chargeback_reversal' THEN 'chargeback:' || i.chargeback_id || ':won'
    END
LEFT JOIN bridge.outbox d ON d.event_key = 'settlement:' || i.batch_id || ':deposited'
LEFT JOIN bridge.remittance r ON r.batch_id = i.batch_id;
