package com.patientcobridge.patientco.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import com.patientcobridge.patientco.session.PatientcoSession;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Patientco's API as the bridge uses it: pages of raw records, single records, settlement items,
 * and the money writes. Every call carries the shared session's token; a {@code session_expired}
 * answer logs in again once and repeats the call.
 */
public class PatientcoClient {

    private final String baseUrl;
    private final PatientcoSession session;
    private final PatientcoHttp http;

    public PatientcoClient(String baseUrl, PatientcoSession session, PatientcoHttp http) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.session = session;
        this.http = http;
    }

    public PatientcoSession session() {
        return session;
    }

    /** One page of a list: its raw records and the cursor of the next page (null at the end). */
    public record Page(List<JsonNode> records, String nextCursor) {
    }

    public Page page(Resource resource, Map<String, String> filters, String cursor, int limit) {
        StringBuilder query = new StringBuilder("?limit=").append(limit);
        filters.forEach((k, v) -> query.append('&').append(k).append('=').append(enc(v)));
        if (cursor != null) {
            query.append("&cursor=").append(enc(cursor));
        }
        JsonNode page = get("/api/v1/" + resource.path() + query);
        List<JsonNode> records = new ArrayList<>();
        page.path("data").forEach(records::add);
        JsonNode next = page.get("nextCursor");
        return new Page(records, next == null || next.isNull() ? null : next.asText());
    }

    public JsonNode one(Resource resource, String id) {
        return get("/api/v1/" + resource.path() + "/" + enc(id));
    }

    /** One page of a settlement batch's items. */
    public Page items(String batchId, String cursor, int limit) {
        JsonNode page = get("/api/v1/settlements/" + enc(batchId) + "/items?limit=" + limit
                + (cursor == null ? "" : "&cursor=" + enc(cursor)));
        List<JsonNode> records = new ArrayList<>();
        page.path("data").forEach(records::add);
        JsonNode next = page.get("nextCursor");
        return new Page(records, next == null || next.isNull() ? null : next.asText());
    }

    /** All items of a settlement batch, page by page. */
    public List<JsonNode> settlementItems(String batchId) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Page page = items(batchId, cursor, 500);
            items.addAll(page.records());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }

    /**
     * A signed download (statement PDF): no bearer token, the signature is the permission.
     * Null when the link is refused (403: expired or altered), so the caller can ask for a fresh one.
     */
    public byte[] download(String signedUrl) {
        URI uri = URI.create(signedUrl);
        if (!uri.isAbsolute()) {
            uri = URI.create(baseUrl + (signedUrl.startsWith("/") ? "" : "/") + signedUrl);
        }
        PatientcoHttp.Answer a = http.send(PatientcoHttp.Request.get(uri).asDownload());
        if (a.status() == 403) {
            return null;
        }
        if (a.status() != 200) {
            throw new PatientcoHttpException(a.status(), a.errorCode(), "Download answered " + a.status());
        }
        return a.body();
    }

    /** A money write; the same key is sent on every retry, so Patientco applies it once. */
    public PatientcoHttp.Answer write(String path, JsonNode body, String idempotencyKey) {
        return call(token -> PatientcoHttp.Request.post(URI.create(baseUrl + path), "application/json", body.toString())
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", idempotencyKey));
    }

    public JsonNode get(String pathAndQuery) {
        PatientcoHttp.Answer a = call(token -> PatientcoHttp.Request.get(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", "Bearer " + token));
        if (a.status() != 200) {
            throw new PatientcoHttpException(a.status(), a.errorCode(),
                    "GET " + pathAndQuery.replaceAll("\\?.*", "") + " answered " + a.status() + " " + a.errorCode());
        }
        return a.json();
    }

    private PatientcoHttp.Answer call(java.util.function.Function<String, PatientcoHttp.Request> request) {
        String token = session.token();
        PatientcoHttp.Answer a = http.send(request.apply(token));
        if (a.status() == 401 && "session_expired".equals(a.errorCode())) {
            session.expired(token);
            a = http.send(request.apply(session.token()));
        }
        return a;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String describe(Map<String, String> filters) {
        return filters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }
}
