package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One charge on a statement, with what insurance paid and what the patient owes. */
public record LineItem(String encounterId, LocalDate serviceDate, String code, String description, BigDecimal charge,
        BigDecimal insurancePaid, BigDecimal adjustments, BigDecimal patientResponsibility) {
}
