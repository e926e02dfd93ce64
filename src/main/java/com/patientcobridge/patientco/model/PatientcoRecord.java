package com.patientcobridge.patientco.model;

import java.time.Instant;

/** What every record read from Patientco has: an opaque prefixed id and, except facilities, an update time. */
public interface PatientcoRecord {

    String id();

    Instant updatedAt();
}
