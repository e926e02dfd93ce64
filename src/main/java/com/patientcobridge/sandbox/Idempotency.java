package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for writes: per user, kept 24 hours; the same key and body replay the
 * first answer (errors too); another body is a 409; two requests with one key at once are served
 * one after the other. Bodies compare as JSON, not bytes.
 */
final class Idempotency {

    /** A stored answer. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private record Entry(JsonNode request, Answer answer, Instant at) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Clock clock;

    Idempotency(Clock clock) {
        this.clock = clock;
    }

    /** Runs the write once per key; {@code replayed[0]} says whether the answer is a replay. */
    Answer run(String user, String key, String endpoint, JsonNode request, boolean[] replayed, Supplier<Answer> write) {
        String scoped = user + "\n" + key;
        synchronized (locks.computeIfAbsent(scoped, k -> new Object())) {
            Entry e = entries.get(scoped);
            if (e != null && e.at().plus(Duration.ofHours(24)).isAfter(clock.instant())) {
                if (!e.request().equals(requestOf(endpoint, request))) {
                    return null;
                }
                replayed[0] = true;
                return e.answer();
            }
            Answer answer = write.get();
            entries.put(scoped, new Entry(requestOf(endpoint, request), answer, clock.instant()));
            return answer;
        }
    }

    private static JsonNode requestOf(String endpoint, JsonNode body) {
        var n = Exchange.MAPPER.createObjectNode();
        n.put("endpoint", endpoint);
        n.set("body", body);
        return n;
    }
}
