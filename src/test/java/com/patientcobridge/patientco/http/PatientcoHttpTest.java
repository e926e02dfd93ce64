package com.patientcobridge.patientco.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport as Patientco's faults meet it: answers scripted per request by a local server. */
class PatientcoHttpTest {

    record Scripted(int status, Map<String, String> headers, String body) {
    }

    record Seen(long atNanos, String method, String uri, Map<String, List<String>> headers, String body) {
    }

    HttpServer server;
    final Deque<Scripted> script = new ArrayDeque<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    DefaultCamelContext camel;
    PatientcoHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(new Seen(System.nanoTime(), exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            Scripted next;
            synchronized (script) {
                next = script.size() > 1 ? script.poll() : script.peek();
            }
            next.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] out = next.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(next.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        camel = new DefaultCamelContext();
        http = new PatientcoHttp(camel, new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50)));
        camel.start();
    }

    @AfterEach
    void stop() throws IOException {
        camel.close();
        server.stop(0);
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    void answer(int status, Map<String, String> headers, String body) {
        script.add(new Scripted(status, headers, body));
    }

    @Test
    void aRequestArrivesAsWrittenAndItsAnswerComesBack() {
        answer(201, Map.of("Content-Type", "application/json", "Idempotent-Replayed", "true"), "{\"id\":\"ref_1\"}");
        PatientcoHttp.Answer a = http.send(PatientcoHttp.Request.post(uri("/api/v1/refunds?cursor=a%2Bb%3D&limit=5"),
                "application/json", "{\"amount\":\"1.00\"}").header("Authorization", "Bearer tok")
                .header("Idempotency-Key", "key-1"));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json().get("id").asText()).isEqualTo("ref_1");
        assertThat(a.replayed()).isTrue();
        assertThat(a.contentType()).startsWith("application/json");
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("POST");
        // The query goes out as encoded by the caller, not decoded and encoded again.
        assertThat(s.uri()).isEqualTo("/api/v1/refunds?cursor=a%2Bb%3D&limit=5");
        assertThat(s.headers().get("Authorization")).containsExactly("Bearer tok");
        assertThat(s.headers().get("Idempotency-key")).containsExactly("key-1");
        assertThat(s.body()).isEqualTo("{\"amount\":\"1.00\"}");
        // Nothing of Camel's own travels as an HTTP header.
        assertThat(s.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel"));
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterTheWaitItNames() {
        answer(429, Map.of("Retry-After", "1", "Content-Type", "application/json"), "{\"code\":\"rate_limited\"}");
        answer(200, Map.of("Content-Type", "application/json"), "{}");
        PatientcoHttp.Answer a = http.send(PatientcoHttp.Request.get(uri("/api/v1/payments")));
        assertThat(a.status()).isEqualTo(200);
        assertThat(seen).hasSize(2);
        assertThat(Duration.ofNanos(seen.get(1).atNanos() - seen.get(0).atNanos())).isGreaterThanOrEqualTo(
                Duration.ofSeconds(1));
        assertThat(http.retries()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndTheLastAnswerReturnedWhenTheyPersist() {
        answer(503, Map.of("Content-Type", "application/json"), "{\"code\":\"unavailable\"}");
        PatientcoHttp.Answer a = http.send(PatientcoHttp.Request.get(uri("/api/v1/payments")));
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.errorCode()).isEqualTo("unavailable");
        assertThat(seen).hasSize(4);
        assertThat(http.retries()).isEqualTo(3);
    }

    @Test
    void aServerErrorThatPassesIsNotSeenByTheCaller() {
        answer(502, Map.of(), "");
        answer(500, Map.of(), "");
        answer(200, Map.of("Content-Type", "application/json"), "{\"data\":[]}");
        assertThat(http.send(PatientcoHttp.Request.get(uri("/api/v1/payments"))).status()).isEqualTo(200);
        assertThat(seen).hasSize(3);
    }

    @Test
    void aClientErrorIsAnAnswerNotRetriedAndARedirectIsNotFollowed() {
        answer(401, Map.of("Content-Type", "application/json"), "{\"code\":\"session_expired\"}");
        assertThat(http.send(PatientcoHttp.Request.get(uri("/api/v1/payments"))).errorCode()).isEqualTo("session_expired");
        script.clear();
        answer(302, Map.of("Location", "/elsewhere"), "");
        assertThat(http.send(PatientcoHttp.Request.get(uri("/api/v1/payments"))).status()).isEqualTo(302);
        assertThat(seen).hasSize(2);
        assertThat(http.retries()).isZero();
    }

    @Test
    void anUnreachableServerIsRetriedThenNamedWithTheAttempts() {
        URI nowhere = uri("/api/v1/payments");
        server.stop(0);
        assertThatThrownBy(() -> http.send(PatientcoHttp.Request.get(nowhere)))
                .isInstanceOf(PatientcoHttpException.class)
                .hasMessageContaining("Patientco unreachable at 127.0.0.1 after 4 attempts");
        assertThat(http.retries()).isEqualTo(3);
    }

    @Test
    void theWindowPacesRequestsOnlyOnceATenthOfItIsLeft() {
        RateWindow window = new RateWindow();
        assertThat(window.permitsPerSecond()).isEqualTo(RateWindow.UNPACED);
        window.track(Map.of("X-RateLimit-Limit", "600", "X-RateLimit-Remaining", "61"));
        assertThat(window.permitsPerSecond()).isEqualTo(RateWindow.UNPACED);
        window.track(Map.of("x-ratelimit-remaining", "59"));
        assertThat(window.permitsPerSecond()).isEqualTo(10);
        window.track(Map.of("X-RateLimit-Limit", "30", "X-RateLimit-Remaining", "0"));
        assertThat(window.permitsPerSecond()).isEqualTo(1);
        window.track(Map.of("X-RateLimit-Remaining", "not a number"));
        assertThat(window.permitsPerSecond()).isEqualTo(1);
    }
}
