package com.patientcobridge.model;

import java.time.Instant;

/** How a statement reached the guarantor, and how far it got. */
public record Delivery(String channel, String status, Instant updatedAt) {
}
