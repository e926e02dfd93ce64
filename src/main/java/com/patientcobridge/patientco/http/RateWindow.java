package com.patientcobridge.patientco.http;

import java.util.Map;

/**
 * Patientco's rate-limit window as its answers report it ({@code X-RateLimit-Limit} requests a
 * minute, {@code X-RateLimit-Remaining} left), and the pace the transport's throttle keeps: no limit
 * while a tenth of the window is left, the window's own rate below that, so the bridge slows down
 * instead of running into 429s.
 */
public final class RateWindow {

    static final long UNPACED = 1_000_000;
    private volatile int remaining = Integer.MAX_VALUE;
    private volatile int limit = Integer.MAX_VALUE;

    /** Reads the window from an answer's headers, when it has them. */
    void track(Map<String, ?> headers) {
        Integer r = number(value(headers, "X-RateLimit-Remaining"));
        Integer l = number(value(headers, "X-RateLimit-Limit"));
        if (l != null) {
            limit = l;
        }
        if (r != null) {
            remaining = r;
        }
    }

    /** The throttle's permits per second for the next request. */
    public long permitsPerSecond() {
        int l = limit;
        if (l == Integer.MAX_VALUE || remaining >= l / 10) {
            return UNPACED;
        }
        return Math.max(1, l / 60);
    }

    static String value(Map<String, ?> headers, String name) {
        for (Map.Entry<String, ?> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return e.getValue().toString();
            }
        }
        return null;
    }

    private static Integer number(String s) {
        if (s == null || !s.strip().matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(s.strip());
    }
}
