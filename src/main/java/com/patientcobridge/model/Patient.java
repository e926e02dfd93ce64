package com.patientcobridge.model;

import java.time.LocalDate;

/** A patient on an account; {@code mrn} may be null until the EHR links it. */
public record Patient(String id, String mrn, String firstName, String lastName, LocalDate dateOfBirth, String sex,
        String relationshipToGuarantor) {
}
