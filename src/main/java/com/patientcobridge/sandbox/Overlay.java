package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Records created or changed since the sandbox's clock started, per resource, kept in
 * {@code (updatedAt, id)} order. A changed history record moves here and is skipped in the
 * generated history.
 */
final class Overlay {

    /** The sort key of the contract's lists. */
    record Key(Instant updatedAt, String id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = updatedAt.compareTo(o.updatedAt);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private final Map<String, NavigableMap<Key, ObjectNode>> byResource = new HashMap<>();
    private final Map<String, ObjectNode> byId = new HashMap<>();

    synchronized void put(String resource, ObjectNode record) {
        String id = record.get("id").asText();
        ObjectNode old = byId.put(id, record);
        NavigableMap<Key, ObjectNode> list = byResource.computeIfAbsent(resource, r -> new TreeMap<>());
        if (old != null) {
            list.remove(key(old));
        }
        list.put(key(record), record);
    }

    synchronized ObjectNode get(String id) {
        return byId.get(id);
    }

    synchronized boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** A copy of the records of a resource after {@code after} (exclusive), from {@code since} (inclusive). */
    synchronized NavigableMap<Key, ObjectNode> tail(String resource, Key from, boolean inclusive) {
        NavigableMap<Key, ObjectNode> list = byResource.getOrDefault(resource, new TreeMap<>());
        return new TreeMap<>(from == null ? list : list.tailMap(from, inclusive));
    }

    static Key key(ObjectNode record) {
        return new Key(Instant.parse(record.get("updatedAt").asText()), record.get("id").asText());
    }
}
