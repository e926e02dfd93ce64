package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A payment plan with its installments and next draft date. */
public record PaymentPlan(String id, String accountId, String status, BigDecimal totalAmount,
        BigDecimal remainingBalance, BigDecimal installmentAmount, String frequency, LocalDate nextDraftDate,
        Boolean autopay, List<Installment> installments, Instant updatedAt) implements PatientcoRecord {
}
