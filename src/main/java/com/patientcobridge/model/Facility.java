package com.patientcobridge.model;

import java.util.List;

/** A hospital or clinic billed through Patientco, with the merchant ids its payments settle under. */
public record Facility(String id, String name, String npi, List<String> merchantIds) implements PatientcoRecord {

    /** Facilities change rarely and carry no timestamp; they are read whole. */
    @Override
    public java.time.Instant updatedAt() {
        return null;
    }
}
