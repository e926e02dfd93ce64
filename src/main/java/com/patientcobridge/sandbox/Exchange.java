package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request to the sandbox and its answer: query parsing, JSON bodies, problem+json errors. */
final class Exchange {

    static final ObjectMapper MAPPER = new ObjectMapper();
    final HttpExchange http;
    final String method;
    final String path;
    final Map<String, String> query = new LinkedHashMap<>();
    private byte[] body;

    Exchange(HttpExchange http) {
        this.http = http;
        this.method = http.getRequestMethod();
        this.path = http.getRequestURI().getRawPath();
        String raw = http.getRequestURI().getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(k, v);
            }
        }
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    byte[] body() throws IOException {
        if (body == null) {
            body = http.getRequestBody().readAllBytes();
        }
        return body;
    }

    /** The JSON body as an object, or a 400 error. */
    ObjectNode json() throws IOException {
        try {
            JsonNode n = MAPPER.readTree(body());
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // fall through
        }
        throw new ApiError(400, "invalid_body", "The request body must be a JSON object");
    }

    /** The form body ({@code application/x-www-form-urlencoded}). */
    Map<String, String> form() throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body(), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    void send(int status, String contentType, byte[] bytes) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        if (status == 204 || bytes.length == 0) {
            http.sendResponseHeaders(status, -1);
            http.close();
            return;
        }
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

    void json(int status, JsonNode node) throws IOException {
        send(status, "application/json", MAPPER.writeValueAsBytes(node));
    }

    void problem(ApiError e) throws IOException {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("type", "https://api.patientco.test/problems/" + e.code.replace('_', '-'));
        p.put("title", e.title());
        p.put("status", e.status);
        p.put("detail", e.getMessage());
        p.put("code", e.code);
        send(e.status, "application/problem+json", MAPPER.writeValueAsBytes(p));
    }

    /** An error answer of the contract: status, code and a detail for people. */
    static final class ApiError extends RuntimeException {
        final int status;
        final String code;

        ApiError(int status, String code, String detail) {
            super(detail);
            this.status = status;
            this.code = code;
        }

        String title() {
            return switch (status) {
                case 400 -> "Bad Request";
                case 401 -> "Unauthorized";
                case 403 -> "Forbidden";
                case 404 -> "Not Found";
                case 409 -> "Conflict";
                case 422 -> "Unprocessable Entity";
                case 423 -> "Locked";
                case 429 -> "Too Many Requests";
                default -> "Server Error";
            };
        }
    }
}
