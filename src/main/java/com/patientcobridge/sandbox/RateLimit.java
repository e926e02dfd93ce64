package com.patientcobridge.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A per-user fixed one-minute window, reported on every answer in {@code X-RateLimit-*} headers. */
final class RateLimit {

    private final int limit;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    RateLimit(int limit) {
        this.limit = limit;
    }

    /** Counts one request; false when the window is used up. */
    boolean take(Exchange ex, String user) {
        long minute = System.currentTimeMillis() / 60_000;
        long[] w = windows.compute(user, (k, v) -> v == null || v[0] != minute ? new long[] {minute, 0} : v);
        long used;
        synchronized (w) {
            used = ++w[1];
        }
        ex.http.getResponseHeaders().set("X-RateLimit-Limit", String.valueOf(limit));
        ex.http.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(Math.max(0, limit - used)));
        return used <= limit;
    }

    void headers(Exchange ex, String user) {
        ex.http.getResponseHeaders().set("X-RateLimit-Limit", String.valueOf(limit));
        ex.http.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(limit));
    }
}
