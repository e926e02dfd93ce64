package com.patientcobridge.patientco.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Bounded exponential backoff with full jitter, for 5xx answers and I/O errors. */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** The wait before attempt {@code attempt} (1-based retries). */
    public Duration delay(int attempt) {
        long cap = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
