package com.patientcobridge.model;

import java.math.BigDecimal;

/** An account's balance split into what the patient owes and what waits on insurance. */
public record Balance(BigDecimal total, BigDecimal patientDue, BigDecimal insurancePending, String currency) {
}
