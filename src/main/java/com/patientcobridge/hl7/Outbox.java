package com.patientcobridge.hl7;

/**
 * The durable outbox of HL7 messages (bridge.outbox). Flows enqueue business events inside
 * their own database transaction; the dispatcher delivers them. Enqueueing an event key that
 * is already there does nothing and returns false: one event, one message, ever.
 */
public interface Outbox {

    /** Enqueues one message; returns true if it is new, false if that event key was already enqueued. */
    boolean enqueue(OutboundEvent event);
}
