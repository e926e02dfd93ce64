package com.patientcobridge.support;

import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An outbox that keeps what it is given, once per event key, like the real one. */
public final class RecordingOutbox implements Outbox {

    public final Map<String, OutboundEvent> events = new LinkedHashMap<>();

    @Override
    public boolean enqueue(OutboundEvent event) {
        return events.putIfAbsent(event.eventKey(), event) == null;
    }

    public List<String> keys() {
        return new ArrayList<>(events.keySet());
    }
}
