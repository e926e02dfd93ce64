package com.patientcobridge.failure;

/**
 * A failure that may pass (EHR down, Patientco {@code 5xx}, a timeout, an AE): redelivered with
 * exponential backoff, and dead-lettered only when the redeliveries run out.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
