package com.patientcobridge.posting;

import com.patientcobridge.failure.WaitsBehind;

/** A refund or chargeback whose payment is itself a dead letter: it waits behind it, released when that one is replayed. */
public class BlockedByDeadLetter extends WaitsBehind {

    public BlockedByDeadLetter(String recordId, String paymentId, long blockedBy) {
        super(recordId, recordId + " waits behind dead letter " + blockedBy + " of payment " + paymentId, blockedBy);
    }
}
