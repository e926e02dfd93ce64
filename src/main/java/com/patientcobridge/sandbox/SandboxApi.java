package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.Exchange.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.sandbox.Exchange.ApiError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The contract's resources under {@code /api/v1}: lists, single records, settlement items and the money writes. */
final class SandboxApi {

    private static final List<String> LISTED = List.of("accounts", "statements", "payments", "refunds", "chargebacks",
            "settlements", "payment-plans", "communications");
    private final SandboxServer server;

    SandboxApi(SandboxServer server) {
        this.server = server;
    }

    void handle(Exchange ex, String user, String[] parts) throws IOException {
        // parts: "", "api", "v1", resource, [id], [sub]
        String resource = parts[3];
        SandboxWorld world = server.world();
        if (ex.method.equals("GET") && resource.equals("facilities") && parts.length == 4) {
            // Facilities are read whole (a handful, no updatedAt): limit is accepted, as clients send it
            // to every list, but the one page holds them all.
            onlyParameters(ex, Set.of("limit"));
            Lists.limit(ex.query.get("limit"));
            ObjectNode page = MAPPER.createObjectNode();
            page.set("data", world.data.facilities());
            page.putNull("nextCursor");
            ex.json(200, page);
        } else if (ex.method.equals("GET") && LISTED.contains(resource) && parts.length == 4) {
            ex.json(200, server.lists().page(resource, ex.query));
        } else if (ex.method.equals("GET") && LISTED.contains(resource) && parts.length == 5) {
            onlyParameters(ex, Set.of());
            ObjectNode record = world.find(parts[4]).filter(r -> resourceOf(parts[4]).equals(resource))
                    .orElseThrow(() -> new ApiError(404, "not_found", "No " + resource + " with id " + parts[4]));
            ex.json(200, server.lists().serve(record));
        } else if (ex.method.equals("GET") && resource.equals("settlements") && parts.length == 6
                && parts[5].equals("items")) {
            items(ex, parts[4]);
        } else if (ex.method.equals("POST") && resource.equals("payments")) {
            server.writes().handle(ex, user, parts);
        } else if (resource.equals("webhooks")) {
            webhooks(ex, parts);
        } else {
            throw new ApiError(404, "not_found", "No such endpoint: " + ex.method + " " + ex.path);
        }
    }

    private void webhooks(Exchange ex, String[] parts) throws IOException {
        if (ex.method.equals("POST") && parts.length == 4) {
            ex.json(201, server.webhooks().subscribe(ex.json()));
        } else if (ex.method.equals("GET") && parts.length == 4) {
            onlyParameters(ex, Set.of());
            ex.json(200, server.webhooks().list());
        } else if (ex.method.equals("DELETE") && parts.length == 5) {
            if (!server.webhooks().unsubscribe(parts[4])) {
                throw new ApiError(404, "not_found", "No webhook subscription with id " + parts[4]);
            }
            ex.send(204, "application/json", new byte[0]);
        } else {
            throw new ApiError(404, "not_found", "No such endpoint: " + ex.method + " " + ex.path);
        }
    }

    private void items(Exchange ex, String batchId) throws IOException {
        List<ObjectNode> items = server.world().items(batchId);
        if (items == null) {
            throw new ApiError(404, "not_found", "No settlement with id " + batchId);
        }
        int limit = Lists.limit(ex.query.get("limit"));
        onlyParameters(ex, Set.of("limit", "cursor"));
        int from = 0;
        String cursor = ex.query.get("cursor");
        if (cursor != null) {
            Lists.Cursor c = Lists.Cursor.decode(cursor);
            if (!c.signature().equals("items:" + batchId)) {
                throw new ApiError(400, "invalid_cursor", "The cursor was issued for another query");
            }
            from = (int) c.index();
        }
        int to = Math.min(items.size(), from + limit);
        ObjectNode page = MAPPER.createObjectNode();
        var data = page.putArray("data");
        items.subList(from, to).forEach(data::add);
        page.put("nextCursor", to < items.size() ? new Lists.Cursor("items:" + batchId, 'h', to, null).encode() : null);
        ex.json(200, page);
    }

    /** Unknown query parameters answer 400, as on the lists. */
    private static void onlyParameters(Exchange ex, Set<String> known) {
        for (String name : ex.query.keySet()) {
            if (!known.contains(name)) {
                throw new ApiError(400, "invalid_parameter", "Unknown query parameter '" + name + "'");
            }
        }
    }

    static String resourceOf(String id) {
        return switch (id.substring(0, Math.max(0, id.indexOf('_') + 1))) {
            case "acc_" -> "accounts";
            case "stm_" -> "statements";
            case "pay_" -> "payments";
            case "ref_" -> "refunds";
            case "cbk_" -> "chargebacks";
            case "stl_" -> "settlements";
            case "pln_" -> "payment-plans";
            case "com_" -> "communications";
            default -> "";
        };
    }

    static BigDecimal money(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || !v.asText().matches("-?\\d+\\.\\d{2}")) {
            throw new ApiError(422, "invalid_amount", field + " must be a decimal string with two places");
        }
        return new BigDecimal(v.asText());
    }

    static Optional<String> text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
