package com.patientcobridge.patientco.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the bridge talks HTTP to Patientco (the JDK client): retries 5xx and I/O errors
 * with backoff, honours {@code Retry-After} on 429, and slows down as {@code X-RateLimit-Remaining}
 * runs low. A write is only ever retried with its own Idempotency-Key, which the caller has set.
 */
public class PatientcoHttp {

    private static final Logger LOG = LoggerFactory.getLogger(PatientcoHttp.class);
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final RetryPolicy retry;
    private final AtomicLong retries = new AtomicLong();
    private volatile int remaining = Integer.MAX_VALUE;
    private volatile int limit = Integer.MAX_VALUE;

    public PatientcoHttp(RetryPolicy retry) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.retry = retry;
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
        return retries.get();
    }

    /** Sends with retries; returns the first answer that is not 429, 5xx or an I/O error. */
    public Answer send(HttpRequest request) {
        int attempt = 0;
        while (true) {
            attempt++;
            pace();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                track(response);
                int status = response.statusCode();
                if (status == 429 && attempt < retry.maxAttempts() * 3) {
                    retries.incrementAndGet();
                    long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                    sleep(Duration.ofSeconds(Math.max(0, Math.min(seconds, 60))).plusMillis(50));
                    continue;
                }
                if (status >= 500 && attempt < retry.maxAttempts()) {
                    retries.incrementAndGet();
                    sleep(retry.delay(attempt));
                    continue;
                }
                return new Answer(status, response.body(), response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false));
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new PatientcoHttpException(0, "io_error", "Patientco unreachable at " + request.uri().getHost()
                            + " after " + attempt + " attempts: " + e.getClass().getSimpleName());
                }
                retries.incrementAndGet();
                sleep(retry.delay(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PatientcoHttpException(0, "interrupted", "Interrupted while calling Patientco");
            }
        }
    }

    private void track(HttpResponse<?> response) {
        response.headers().firstValue("X-RateLimit-Remaining").ifPresent(v -> remaining = Integer.parseInt(v));
        response.headers().firstValue("X-RateLimit-Limit").ifPresent(v -> limit = Integer.parseInt(v));
    }

    /** Below a tenth of the window left, space requests out rather than run into 429s. */
    private void pace() {
        if (limit != Integer.MAX_VALUE && remaining < limit / 10) {
            sleep(Duration.ofMillis(60_000L / Math.max(1, limit)));
        }
    }

    private static void sleep(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A new JSON object for a request body. */
    public static com.fasterxml.jackson.databind.node.ObjectNode json() {
        return MAPPER.createObjectNode();
    }

    static URI uri(String base, String path) {
        return URI.create(base.replaceAll("/+$", "") + path);
    }

    static void logRetry(String what, int status) {
        LOG.debug("Retrying {} after {}", what, status);
    }
}
