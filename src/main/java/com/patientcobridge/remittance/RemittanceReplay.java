package com.patientcobridge.remittance;

/** A refused 835's dead-letter payload: the batch to write again once a person replays it. */
public record RemittanceReplay(String batchId) {
}
