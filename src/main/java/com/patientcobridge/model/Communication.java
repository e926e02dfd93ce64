package com.patientcobridge.model;

import java.time.Instant;

/** A message Patientco sent a guarantor: a statement notice, a reminder, a receipt. */
public record Communication(String id, String accountId, String channel, String type, String status,
        String statementId, Instant occurredAt, Instant updatedAt) implements PatientcoRecord {
}
