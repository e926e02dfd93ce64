package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One scheduled draft of a payment plan. */
public record Installment(LocalDate dueDate, BigDecimal amount, String status, String paymentId) {
}
