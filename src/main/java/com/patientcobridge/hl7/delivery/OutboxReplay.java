package com.patientcobridge.hl7.delivery;

import com.patientcobridge.deadletter.OutboxReplayHook;

/** What a dead-letter replay does for an outbox message: it and the messages held behind it go out again, same MSH-10s. */
public class OutboxReplay implements OutboxReplayHook {

    private final OutboxRows rows;
    private final Runnable nudge;

    OutboxReplay(OutboxRows rows, Runnable nudge) {
        this.rows = rows;
        this.nudge = nudge;
    }

    @Override
    public void releaseAfterReplay(long outboxId) {
        release(outboxId);
    }

    /** Returns how many held messages were released with it. */
    public int release(long outboxId) {
        int released = rows.release(outboxId);
        nudge.run();
        return released;
    }
}
