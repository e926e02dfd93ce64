package com.patientcobridge.hl7.delivery;

import com.patientcobridge.deadletter.OutboxReplayHook;

/**
 * What a person can do to a sent or dead message: a dead-letter replay sends it and the messages
 * held behind it again; a resend sends an acknowledged message again, as stored, with its MSH-10;
 * an edit replaces a dead message's text before it is replayed. All go through the lanes, in order.
 */
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

    /**
     * An acknowledged message goes out again exactly as it was sent (its last stored send, with its
     * MSH-10, so the EHR's duplicate check still sees it). False when it is not acknowledged or its
     * body is past retention.
     */
    public boolean resend(long outboxId) {
        boolean queued = rows.resend(outboxId);
        if (queued) {
            nudge.run();
        }
        return queued;
    }

    /** A dead message's text, replaced by an edited one before its replay; false when the row is not dead. */
    public boolean replaceDeadMessage(long outboxId, String hl7) {
        return rows.replaceDead(outboxId, hl7);
    }

    /** Returns how many held messages were released with it. */
    public int release(long outboxId) {
        int released = rows.release(outboxId);
        nudge.run();
        return released;
    }
}
