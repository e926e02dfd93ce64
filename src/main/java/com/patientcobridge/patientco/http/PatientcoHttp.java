package com.patientcobridge.patientco.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The one place the bridge talks HTTP to Patientco: every request (API, token, MFA, signed and
 * portal downloads) goes through camel-http, on a route of its own ({@link PatientcoTransport})
 * whose redelivery retries 5xx answers and I/O errors with backoff and waits out a 429's
 * {@code Retry-After}, and whose throttle spaces requests out as {@code X-RateLimit-Remaining} runs
 * low. A write is only ever retried with its own Idempotency-Key, which the caller has set.
 */
public class PatientcoHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ProducerTemplate camel;
    private final PatientcoTransport transport;

    public PatientcoHttp(CamelContext context, RetryPolicy retry) {
        this.transport = new PatientcoTransport("patientco-http-" + INSTANCES.incrementAndGet(), retry);
        try {
            context.addRoutes(transport);
        } catch (Exception e) {
            throw new IllegalStateException("The Patientco transport route could not be added", e);
        }
        this.camel = context.createProducerTemplate();
    }

    /** A request: method, absolute URI, headers, body (null for none), and whether it is a large download. */
    public record Request(String method, URI uri, Map<String, String> headers, String body, boolean download) {

        public static Request get(URI uri) {
            return new Request("GET", uri, Map.of(), null, false);
        }

        public static Request post(URI uri, String contentType, String body) {
            return new Request("POST", uri, Map.of("Content-Type", contentType), body, false);
        }

        public static Request delete(URI uri) {
            return new Request("DELETE", uri, Map.of(), null, false);
        }

        public Request header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, uri, Map.copyOf(more), body, download);
        }

        /** A file from the portal or a signed link: a longer wait for the answer. */
        public Request asDownload() {
            return new Request(method, uri, headers, body, true);
        }
    }

    /** An answer: status, headers we care about, body bytes. */
    public record Answer(int status, byte[] body, String contentType, boolean replayed) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new PatientcoHttpException(status, "invalid_json", "Patientco answered with invalid JSON");
            }
        }

        public String errorCode() {
            try {
                return MAPPER.readTree(body).path("code").asText("http_" + status);
            } catch (IOException | RuntimeException e) {
                return "http_" + status;
            }
        }
    }

    /** How many retries this client has made (429, 5xx, I/O), for metrics and tests. */
    public long retries() {
        return transport.retries();
    }

    /**
     * Sends with retries; returns the first answer that is not 429, 5xx or an I/O error, or the last
     * such answer once the retries are spent.
     */
    public Answer send(Request request) {
        Exchange done = camel.send(transport.uri(), exchange -> transport.prepare(exchange, request));
        Exception failure = done.getException();
        if (failure == null) {
            org.apache.camel.Message m = done.getMessage();
            return new Answer(m.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class), bytes(m.getBody(byte[].class)),
                    m.getHeader("Content-Type", "", String.class), "true".equals(m.getHeader("Idempotent-Replayed",
                            String.class)));
        }
        HttpOperationFailedException refused = cause(failure, HttpOperationFailedException.class);
        if (refused != null) {
            Map<String, String> headers = refused.getResponseHeaders() == null ? Map.of() : refused.getResponseHeaders();
            String body = refused.getResponseBody();
            return new Answer(refused.getStatusCode(), body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                    header(headers, "Content-Type"), "true".equals(header(headers, "Idempotent-Replayed")));
        }
        IOException io = cause(failure, IOException.class);
        if (io != null) {
            int attempts = 1 + done.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
            throw new PatientcoHttpException(0, "io_error", "Patientco unreachable at " + request.uri().getHost()
                    + " after " + attempts + " attempts: " + io.getClass().getSimpleName());
        }
        if (cause(failure, InterruptedException.class) != null) {
            Thread.currentThread().interrupt();
            throw new PatientcoHttpException(0, "interrupted", "Interrupted while calling Patientco");
        }
        throw new PatientcoHttpException(0, "transport_error", "Calling Patientco failed: "
                + failure.getClass().getSimpleName());
    }

    private static byte[] bytes(byte[] body) {
        return body == null ? new byte[0] : body;
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse("");
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A new JSON object for a request body. */
    public static com.fasterxml.jackson.databind.node.ObjectNode json() {
        return MAPPER.createObjectNode();
    }
}
