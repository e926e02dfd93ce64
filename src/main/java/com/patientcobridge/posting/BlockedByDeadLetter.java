package com.patientcobridge.posting;

import com.patientcobridge.deadletter.PermanentFailure;

/** A refund or chargeback whose payment is itself a dead letter: it waits behind it, released when that one is replayed. */
public class BlockedByDeadLetter extends PermanentFailure {

    private final long blockedBy;

    public BlockedByDeadLetter(String recordId, String paymentId, long blockedBy) {
        super(recordId, recordId + " waits behind dead letter " + blockedBy + " of payment " + paymentId);
        this.blockedBy = blockedBy;
    }

    public long blockedBy() {
        return blockedBy;
    }
}
