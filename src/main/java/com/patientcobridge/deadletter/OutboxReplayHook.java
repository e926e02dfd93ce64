package com.patientcobridge.deadletter;

/**
 * What a replay does for a dead letter that is an outbox message ({@code outbox_id}): the delivery
 * side sends it again with its MSH-10 and releases the messages held behind it.
 */
@FunctionalInterface
public interface OutboxReplayHook {

    /** Does nothing: used when no delivery is wired (tests, a sandbox-only node). */
    OutboxReplayHook NONE = outboxId -> {
    };

    void releaseAfterReplay(long outboxId);
}
