package com.patientcobridge.patientco.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What currently stops the adapter from working (a refused login, a changed portal), by
 * source; the health indicator reports DOWN while anything is listed.
 */
public class PatientcoHealth {

    private final Map<String, String> problems = new ConcurrentHashMap<>();

    public void down(String source, String reason) {
        problems.put(source, reason);
    }

    public void up(String source) {
        problems.remove(source);
    }

    /** The current problems by source ({@code session}, {@code portal}); empty when healthy. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }
}
