package com.patientcobridge.failure;

/**
 * A record that must not go ahead of another record's dead letter (a refund behind its payment's):
 * the dead-letter channel parks it as {@code waiting}, {@code blocked_by} that dead letter, and a
 * replay of that one releases it.
 */
public class WaitsBehind extends PermanentFailure {

    private final long blockedBy;

    public WaitsBehind(String recordId, String reason, long blockedBy) {
        super(recordId, reason);
        this.blockedBy = blockedBy;
    }

    /** The id of the dead letter this record waits behind. */
    public long blockedBy() {
        return blockedBy;
    }
}
