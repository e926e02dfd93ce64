package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A full or partial refund of a payment: pending, completed or failed. */
public record Refund(String id, String paymentId, String accountId, BigDecimal amount, String reason, String status,
        Instant createdAt, Instant completedAt, String settlementBatchId, Instant updatedAt)
        implements PatientcoRecord {

    /** Keeps every event of one payment, in order (the ledger) together. */
    @Override
    public String serialKey() {
        return paymentId;
    }
}
