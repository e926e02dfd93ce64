package com.patientcobridge.failure;

/**
 * A failure that retrying cannot fix (a malformed record, an AR from the EHR, an impossible
 * payment sequence, linkage missing past its wait): it goes straight to the dead-letter channel.
 */
public class PermanentFailure extends RuntimeException {

    private final String recordId;

    public PermanentFailure(String recordId, String reason) {
        super(reason);
        this.recordId = recordId;
    }

    public PermanentFailure(String recordId, String reason, Throwable cause) {
        super(reason, cause);
        this.recordId = recordId;
    }

    /** The Patientco id (or outbox event key) the failure is about; may be null. */
    public String recordId() {
        return recordId;
    }

    /** The reason as a person reads it in the dead-letter list; never carries PHI. */
    public String reason() {
        return getMessage();
    }
}
