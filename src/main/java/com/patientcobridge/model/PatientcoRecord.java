package com.patientcobridge.model;

import java.time.Instant;

/** What every record read from Patientco has: an opaque prefixed id and, except facilities, an update time. */
public interface PatientcoRecord {

    String id();

    Instant updatedAt();

    /**
     * Records with the same key are processed one after another, in the order read; others may be
     * processed side by side. A record's own id unless its flow touches a wider thing.
     */
    default String serialKey() {
        return id();
    }
}
