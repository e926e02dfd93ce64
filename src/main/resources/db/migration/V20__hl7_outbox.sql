-- MSH-10 of every outbound message: assigned once at enqueue, kept for life (resends included).
CREATE SEQUENCE bridge.msh10_seq;

-- Accounts already sent to the EHR, with the hash of the demographics last sent, so a change
-- in Patientco sends one A08 and a re-read sends nothing.
CREATE TABLE bridge.adt_state (
    account_id         text PRIMARY KEY,
    demographics_hash  text NOT NULL,
    linked_at          timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
