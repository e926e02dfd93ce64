package com.patientcobridge.hl7.delivery;

import io.micrometer.core.instrument.MeterRegistry;

/** Messages sent, acknowledged and rejected, per flow and type, as {@code bridge.hl7.messages}. */
final class DeliveryMeters {

    private volatile MeterRegistry registry;

    void use(MeterRegistry meters) {
        this.registry = meters;
    }

    void count(OutboxRow row, String outcome) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter("bridge.hl7.messages", "flow", row.flow(), "type", row.messageType(), "outcome", outcome)
                    .increment();
        }
    }
}
