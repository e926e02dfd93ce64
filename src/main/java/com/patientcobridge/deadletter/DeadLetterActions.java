package com.patientcobridge.deadletter;

import java.util.List;

/** What a person can do with dead letters (operations API and page); every action is audited. */
public interface DeadLetterActions {

    /** Sends the dead letter's payload back to its flow; returns true if it went through. */
    boolean replay(long id, String actor);

    /** Replays every open dead letter that matches; returns the ids replayed. */
    List<Long> replayMatching(DeadLetterFilter filter, String actor);

    void resolve(long id, String note, String actor);

    void discard(long id, String note, String actor);

    /** A filter over dead letters; null fields match anything. */
    record DeadLetterFilter(String flow, String status, String patientcoId, String reasonContains) {
    }
}
