-- The last TOTP step used per secret (by its SHA-256), shared by every node and process of the
-- bridge: Patientco takes a code once, so a second login within a step waits for the next one.
CREATE TABLE bridge.totp_step (
    secret_hash  text PRIMARY KEY,
    step         bigint NOT NULL,
    used_at      timestamptz NOT NULL DEFAULT now()
);
