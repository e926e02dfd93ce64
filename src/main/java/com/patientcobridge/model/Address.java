package com.patientcobridge.model;

/** A postal address as Patientco holds it; any line may be missing. */
public record Address(String line1, String line2, String city, String state, String postalCode, String country) {
}
