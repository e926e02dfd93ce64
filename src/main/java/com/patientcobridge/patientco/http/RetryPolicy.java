package com.patientcobridge.patientco.http;

import java.time.Duration;

/**
 * How hard the transport retries 5xx answers and I/O errors: attempts in all, and the bounds of its
 * exponential backoff (Camel's redelivery, with collision avoidance). A 429 gets three times the
 * attempts, each after its own {@code Retry-After}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("patientco.retry.max-attempts must be at least 1, was " + maxAttempts);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10));
    }
}
