-- Every patient of an account gets its own ADT: what was last sent is kept per (account, patient),
-- with the guarantor's demographics and the patient's own apart (A31 for the one, A08 for the other).
-- A row from before was about the account's first patient (its 'self' patient, else the first);
-- its patient hash is unknown, and is taken as sent the next time the account is read.
ALTER TABLE bridge.adt_state ADD COLUMN patient_id text, ADD COLUMN patient_hash text;
UPDATE bridge.adt_state s SET patient_id = coalesce(
    (SELECT p ->> 'id' FROM staging.account a, jsonb_array_elements(a.record -> 'patients') p
     WHERE a.id = s.account_id AND p ->> 'relationshipToGuarantor' = 'self' LIMIT 1),
    (SELECT a.record -> 'patients' -> 0 ->> 'id' FROM staging.account a WHERE a.id = s.account_id),
    '');
ALTER TABLE bridge.adt_state ALTER COLUMN patient_id SET NOT NULL;
ALTER TABLE bridge.adt_state DROP CONSTRAINT adt_state_pkey;
ALTER TABLE bridge.adt_state ADD PRIMARY KEY (account_id, patient_id);
ALTER TABLE bridge.adt_state RENAME COLUMN demographics_hash TO guarantor_hash;
