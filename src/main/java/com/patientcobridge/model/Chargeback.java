package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A disputed payment: opened, then won or lost. */
public record Chargeback(String id, String paymentId, String accountId, BigDecimal amount, String reasonCode,
        String status, Instant openedAt, Instant resolvedAt, String settlementBatchId, Instant updatedAt)
        implements PatientcoRecord {

    /** Keeps every event of one payment, in order (the ledger) together. */
    @Override
    public String serialKey() {
        return paymentId;
    }
}
