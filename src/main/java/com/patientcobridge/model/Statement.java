package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A monthly patient statement with its line items, delivery status and PDF link. */
public record Statement(String id, String accountId, LocalDate statementDate, LocalDate periodStart,
        LocalDate periodEnd, LocalDate dueDate, BigDecimal previousBalance, BigDecimal amountDue, String currency,
        List<LineItem> lineItems, Delivery delivery, SignedUrl pdf, Instant updatedAt) implements PatientcoRecord {
}
