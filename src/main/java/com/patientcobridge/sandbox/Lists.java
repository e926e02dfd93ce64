package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.Exchange.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.sandbox.Exchange.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contract's lists: {@code limit} 1..500, opaque cursors that carry their query,
 * {@code updatedSince} inclusive in {@code (updatedAt, id)} order, history first then changes.
 * A page may be short while the cursor is not null (the scan per page is bounded).
 */
final class Lists {

    static final Map<String, Set<String>> FILTERS = Map.of(
            "accounts", Set.of("updatedSince", "facilityId"),
            "statements", Set.of("updatedSince", "accountId"),
            "payments", Set.of("updatedSince", "accountId", "status"),
            "refunds", Set.of("updatedSince"),
            "chargebacks", Set.of("updatedSince"),
            "settlements", Set.of("updatedSince", "facilityId"),
            "payment-plans", Set.of("updatedSince"),
            "communications", Set.of("updatedSince"));
    private static final int SCAN_BUDGET = 20_000;

    private final SandboxWorld world;
    private final Faults faults;
    private final SignedLinks links;

    Lists(SandboxWorld world, Faults faults, SignedLinks links) {
        this.world = world;
        this.faults = faults;
        this.links = links;
    }

    ObjectNode page(String resource, Map<String, String> query) {
        Map<String, String> filters = new TreeMap<>(query);
        String cursorText = filters.remove("cursor");
        int limit = limit(filters.remove("limit"));
        for (String name : filters.keySet()) {
            if (!FILTERS.get(resource).contains(name)) {
                throw new ApiError(400, "invalid_parameter", "Unknown query parameter '" + name + "'");
            }
        }
        Instant since = since(filters.get("updatedSince"));
        String signature = resource + "?" + filters;
        Cursor cursor = cursorText == null ? new Cursor(signature, 'h', -1, null) : Cursor.decode(cursorText);
        if (!cursor.signature.equals(signature)) {
            throw new ApiError(400, "invalid_cursor", "The cursor was issued for another query; send the same filters");
        }
        History history = world.history(resource);
        ArrayNode data = MAPPER.createArrayNode();
        int scanned = 0;
        char phase = cursor.phase;
        long index = cursor.index >= 0 ? cursor.index : history.firstAtOrAfter(since);
        Overlay.Key lastKey = cursor.key;
        if (phase == 'h') {
            while (index < history.size() && data.size() < limit && scanned++ < SCAN_BUDGET) {
                long n = index++;
                if (!world.overlay.contains(history.id().apply(n))) {
                    ObjectNode record = history.record().apply(n);
                    if (matches(record, filters)) {
                        data.add(serve(record));
                    }
                }
            }
            if (index >= history.size()) {
                phase = 'o';
            }
        }
        if (phase == 'o' && data.size() < limit) {
            Overlay.Key from = lastKey != null ? lastKey : new Overlay.Key(since, "");
            NavigableMap<Overlay.Key, ObjectNode> tail = world.overlay.tail(resource, from, lastKey == null);
            boolean more = false;
            for (Map.Entry<Overlay.Key, ObjectNode> e : tail.entrySet()) {
                if (data.size() >= limit || scanned++ >= SCAN_BUDGET) {
                    more = true;
                    break;
                }
                lastKey = e.getKey();
                if (!e.getKey().updatedAt().isBefore(since) && matches(e.getValue(), filters)) {
                    data.add(serve(e.getValue()));
                }
            }
            ObjectNode page = MAPPER.createObjectNode();
            page.set("data", data);
            page.put("nextCursor", more ? new Cursor(signature, 'o', -1, lastKey).encode() : null);
            return page;
        }
        ObjectNode page = MAPPER.createObjectNode();
        page.set("data", data);
        page.put("nextCursor", new Cursor(signature, phase, phase == 'h' ? index : -1, null).encode());
        return page;
    }

    private static boolean matches(ObjectNode record, Map<String, String> filters) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            if (!f.getKey().equals("updatedSince")) {
                JsonNode v = record.get(f.getKey());
                if (v == null || !v.asText().equals(f.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A copy of the record as served, malformed when the fault says so for this id. */
    ObjectNode serve(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        if (links != null && copy.path("id").asText().startsWith("stm_")) {
            links.addTo(copy);
        }
        int how = faults.malformation(copy.get("id").asText());
        if (how < 0) {
            return copy;
        }
        boolean money = copy.has("amount");
        switch (how) {
            case 0 -> copy.remove(money ? "amount" : "status");
            case 1 -> copy.put(money ? "amount" : "updatedAt", money ? "12,50" : "yesterday");
            case 2 -> copy.put("status", "teleported");
            default -> copy.put(money ? "amount" : "id", 1250);
        }
        return copy;
    }

    static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 500) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ApiError(400, "invalid_parameter", "limit must be between 1 and 500");
    }

    static Instant since(String text) {
        if (text == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "invalid_parameter", "updatedSince must be an ISO-8601 instant");
        }
    }

    /** Where a list stands: the query it belongs to, and the position in history or changes. */
    record Cursor(String signature, char phase, long index, Overlay.Key key) {
        String encode() {
            String text = signature + "\n" + phase + "\n" + index + "\n"
                    + (key == null ? "" : key.updatedAt() + "|" + key.id());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
                Overlay.Key key = null;
                if (!parts[3].isEmpty()) {
                    String[] k = parts[3].split("\\|", 2);
                    key = new Overlay.Key(Instant.parse(k[0]), k[1]);
                }
                return new Cursor(parts[0], parts[1].charAt(0), Long.parseLong(parts[2]), key);
            } catch (RuntimeException e) {
                throw new ApiError(400, "invalid_cursor", "The cursor is not one this server issued");
            }
        }
    }
}
