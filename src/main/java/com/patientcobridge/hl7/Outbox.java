package com.patientcobridge.hl7;

import java.util.List;

/**
 * The durable outbox of HL7 messages (bridge.outbox). Flows enqueue business events inside their
 * own database transaction; the dispatcher delivers them once it is committed. Enqueueing an event
 * key that is already there does nothing: one event, one message, ever.
 */
public interface Outbox {

    /** Enqueues the events in order, in one statement; returns how many were new. */
    int enqueueAll(List<OutboundEvent> events);

    /** Enqueues one message; returns true if it is new, false if that event key was already enqueued. */
    default boolean enqueue(OutboundEvent event) {
        return enqueueAll(List.of(event)) > 0;
    }
}
