-- The payment lifecycle as the bridge has posted it to the EHR: one row per payment. Each
-- posting itself is an outbox row keyed by (resource id, transition), so it exists once.
CREATE TABLE bridge.payment_ledger (
    payment_id      text PRIMARY KEY,
    account_id      text NOT NULL,
    guarantor_id    text NOT NULL,
    amount          numeric(14,2) NOT NULL,
    status          text NOT NULL,
    posted          boolean NOT NULL DEFAULT false,   -- the payment DFT is in the outbox
    reversed        boolean NOT NULL DEFAULT false,   -- a void/failure reversal is in the outbox
    refunds_posted  numeric(14,2) NOT NULL DEFAULT 0, -- sum of refund reversals in the outbox
    updated_at      timestamptz NOT NULL DEFAULT now()
);
