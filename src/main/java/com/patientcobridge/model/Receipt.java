package com.patientcobridge.model;

/** The receipt Patientco issues for a payment. */
public record Receipt(String number, String url) {
}
