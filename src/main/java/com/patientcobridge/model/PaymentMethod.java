package com.patientcobridge.model;

/** A tokenised card or bank account: never a raw card or account number. */
public record PaymentMethod(String type, String token, String brand, String last4, String bankName) {
}
