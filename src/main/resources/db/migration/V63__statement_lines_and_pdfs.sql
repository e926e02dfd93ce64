-- Statement line items, replaced with each version of their statement.
CREATE TABLE staging.statement_line (
    statement_id            text NOT NULL,
    line_no                 int NOT NULL,
    encounter_id            text,
    service_date            date,
    code                    text,
    description             text,
    charge                  numeric(14,2),
    insurance_paid          numeric(14,2),
    adjustments             numeric(14,2),
    patient_responsibility  numeric(14,2),
    PRIMARY KEY (statement_id, line_no)
);

-- Each statement's PDF: wanted when the statement is new or its content changed (content_hash),
-- fetched by the archive route (the API's signed link, else the portal), checked, stored once.
CREATE TABLE bridge.statement_pdf (
    statement_id     text PRIMARY KEY,
    account_id       text NOT NULL,
    content_hash     text NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'archived', 'failed')),
    attempts         int NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    source           text,
    file             text,
    sha256           text,
    reason           text,
    archived_at      timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX statement_pdf_due ON bridge.statement_pdf (next_attempt_at) WHERE status = 'pending';
