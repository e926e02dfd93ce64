package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A settlement batch: what a merchant's payments, refunds, chargebacks and fees net to at a bank cutoff. */
public record Settlement(String id, String merchantId, String facilityId, Instant cutoffAt, LocalDate depositDate,
        String status, String currency, BigDecimal grossAmount, BigDecimal refundAmount, BigDecimal chargebackAmount,
        BigDecimal feeAmount, BigDecimal netAmount, Integer itemCount, Instant updatedAt) implements PatientcoRecord {
}
