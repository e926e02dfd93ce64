package com.patientcobridge.model;

import java.time.Instant;
import java.util.List;

/** A Patientco billing account: one guarantor, one or more patients, their encounters and balance. */
public record Account(String id, String facilityId, String ehrAccountNumber, String status, Guarantor guarantor,
        List<Patient> patients, List<Encounter> encounters, Balance balance,
        CommunicationPreferences communicationPreferences, Instant createdAt, Instant updatedAt)
        implements PatientcoRecord {
}
