package com.patientcobridge.model;

import java.time.Instant;

/** A signed, expiring download link (statement PDFs). */
public record SignedUrl(String url, Instant expiresAt) {
}
