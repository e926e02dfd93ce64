package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A card or ACH payment and where it stands: pending, captured, settled, failed or voided. */
public record Payment(String id, String accountId, String statementId, String planId, BigDecimal amount,
        String currency, PaymentMethod method, String channel, String status, String failureReason,
        BigDecimal refundedAmount, Boolean disputed, Instant capturedAt, String settlementBatchId, Receipt receipt,
        Instant createdAt, Instant updatedAt) implements PatientcoRecord {

    /** Keeps a payment and the account it is posted to together. */
    @Override
    public String serialKey() {
        return accountId;
    }
}
