package com.patientcobridge.hl7.delivery;

import java.time.Duration;

/**
 * How the dispatcher treats answers: AE/CE retried up to {@code maxErrorRetries} times with
 * backoff, then dead; a down EHR retried without end at most {@code maxBackoff} apart.
 */
public record DeliveryPolicy(int lanes, int maxErrorRetries, Duration initialBackoff, Duration maxBackoff,
        int maxTimeoutResends) {

    long backoffMillis(int attempt) {
        long ms = initialBackoff.toMillis() << Math.min(16, Math.max(0, attempt - 1));
        return Math.min(ms, maxBackoff.toMillis());
    }
}
