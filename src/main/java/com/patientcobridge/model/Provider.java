package com.patientcobridge.model;

/** An attending provider named on an encounter. */
public record Provider(String npi, String name) {
}
