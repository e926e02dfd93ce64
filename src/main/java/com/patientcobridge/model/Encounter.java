package com.patientcobridge.model;

import java.time.LocalDate;

/** A visit billed on an account; {@code patientClass} is O, I or E. */
public record Encounter(String id, String patientId, String visitNumber, LocalDate admitDate, LocalDate dischargeDate,
        String patientClass, String serviceLine, Provider attendingProvider) {
}
