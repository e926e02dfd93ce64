package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.patientco.webhook.WebhookSignature;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.schedule.JobRuns;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded default with webhooks on, at the application's own web server: the sandbox's events
 * reach routes/patientco-webhooks.yaml and start reads; every delivery gets an HTTP answer, and a body
 * above the limit is refused with 413 before it is read.
 */
@BridgeSpringTest
@TestPropertySource(properties = {"patientco.webhook.enabled=true", "patientco.webhook.secret=whsec_embedded"})
class EmbeddedWebhooksTest {

    static final String SECRET = "whsec_embedded";

    @Autowired
    SandboxServer sandbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRuns jobRuns;
    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/patientco/webhooks");
    }

    HttpResponse<String> post(String body, boolean signed) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url()).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            b.header("Patientco-Signature", WebhookSignature.header(SECRET, Instant.now().getEpochSecond(),
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sandboxEventsAreTakenOnceAndTriggerAnIncrementalRead() {
        sandbox.faults().webhookDuplicateShare(0.3);
        try {
            sandbox.clock().advanceDays(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.webhooks().inFlight() == 0);
        } finally {
            sandbox.faults().webhookDuplicateShare(0);
        }
        long delivered = sandbox.webhooks().attempts().stream().map(a -> a.eventId()).distinct().count();
        assertThat(delivered).isPositive();
        assertThat(sandbox.webhooks().attempts()).allMatch(a -> a.status() == 200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.camel_messageprocessed WHERE processorname = "
                + "'patientco-webhooks' AND messageid LIKE 'evt_%' AND messageid NOT LIKE 'evt_test%'", Long.class))
                .isEqualTo(delivered);
        // The read starts once logged in: up to one TOTP step (30 s) when another login in this JVM just used the
        // current code. (Its end is not awaited: the first read takes in the whole history.)
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> jobRuns.recent("payments", 5).stream()
                .anyMatch(r -> r.trigger().equals("webhook")));
    }

    @Test
    void everyDeliveryGetsAnHttpAnswer() throws Exception {
        String event = "{\"id\":\"evt_test_answer\",\"type\":\"statement.updated\",\"data\":{\"id\":\"stm_1\"}}";
        assertThat(post(event, false).statusCode()).isEqualTo(401);
        assertThat(post("{\"id\":\"evt_test_trunc", true).statusCode()).isEqualTo(400);
        assertThat(post(event, true).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post(event, true);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("duplicate");
        // A GET is not a delivery: the login page for a browser, never a 500.
        assertThat(http.send(HttpRequest.newBuilder(url()).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isLessThan(500);
    }

    @Test
    void sixConcurrentDeliveriesOfOneEventAreAllAnsweredAndTakenOnce() throws Exception {
        String event = "{\"id\":\"evt_test_race\",\"type\":\"statement.updated\",\"data\":{\"id\":\"stm_1\"}}";
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpRequest request = HttpRequest.newBuilder(url()).POST(HttpRequest.BodyPublishers.ofString(event))
                    .header("Patientco-Signature", WebhookSignature.header(SECRET, Instant.now().getEpochSecond(),
                            event.getBytes(StandardCharsets.UTF_8))).build();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).isEqualTo(200);
            answers.add(r.body());
        }
        assertThat(answers).containsOnlyOnce("taken");
    }

    @Test
    void bodiesAboveTheLimitAreRefused413BeforeTheyAreRead() throws Exception {
        long quarterGigabyte = 250L * 1024 * 1024;
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpRequest request = HttpRequest.newBuilder(url()).header("Patientco-Signature", "t=1,v1=00")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            () -> zeros(quarterGigabyte)), quarterGigabyte)).build();
            sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        long start = System.nanoTime();
        for (CompletableFuture<HttpResponse<Void>> f : sent) {
            try {
                assertThat(f.get().statusCode()).isEqualTo(413);
            } catch (java.util.concurrent.ExecutionException e) {
                // The server may close the connection while the client still sends: refused all the same.
                assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered without reading 1 GB")
                .isLessThan(Duration.ofSeconds(20));
        // Chunked, with no declared length: read up to the limit, then refused.
        HttpRequest chunked = HttpRequest.newBuilder(url()).header("Patientco-Signature", "t=1,v1=00")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> zeros(8L * 1024 * 1024))).build();
        try {
            assertThat(http.send(chunked, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(413);
        } catch (java.io.IOException e) {
            // closed by the server after its 413
        }
        // The server is still there for the next, genuine delivery.
        assertThat(post("{\"id\":\"evt_test_after\",\"type\":\"statement.updated\",\"data\":{}}", true).statusCode())
                .isEqualTo(200);
    }

    /** {@code n} zero bytes, made as they are read, never held in memory. */
    static InputStream zeros(long n) {
        return new InputStream() {
            long left = n;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int count = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + count, (byte) 0);
                left -= count;
                return count;
            }
        };
    }
}
