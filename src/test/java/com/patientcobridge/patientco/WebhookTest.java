package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.patientco.webhook.WebhookIngress;
import com.patientcobridge.patientco.webhook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook consumer's answers, handed deliveries as the application's web server hands them:
 * signed ones are taken once and trigger a read; forged, stale and malformed ones are refused with a
 * status; concurrent deliveries of one event are taken once and all answered.
 */
class WebhookTest {

    static final String SECRET = "whsec_test";
    static PatientcoTestKit kit;
    static volatile WebhookIngress.WebhookHandler handler;

    @BeforeAll
    static void start() throws Exception {
        kit = new PatientcoTestKit(PatientcoTestKit.small());
        kit.camel.getRegistry().bind("webhookIngress", new WebhookIngress() {
            @Override
            public void open(String path, WebhookHandler h) {
                handler = h;
            }

            @Override
            public void close(String path) {
                handler = null;
            }
        });
        kit.camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("patientco:webhooks?webhookSecret=" + SECRET).routeId("patientco-webhooks").to("mock:events");
                from("patientco:payments?startScheduler=false").routeId("payments-poll").to("mock:payments");
            }
        });
        kit.camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    private static WebhookIngress.Answer post(String body, String signature) {
        return handler.handle(signature, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String event(String id) {
        return "{\"id\":\"" + id + "\",\"type\":\"payment.captured\",\"createdAt\":\"2026-11-02T12:00:00Z\","
                + "\"data\":{\"id\":\"pay_000000001\"}}";
    }

    private static String sign(String body, long t) {
        return WebhookSignature.header(SECRET, t, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signedDeliveryIsTakenOnceAndTriggersARead() throws Exception {
        String body = event("evt_taken1");
        assertThat(post(body, sign(body, Instant.now().getEpochSecond())).status()).isEqualTo(200);
        MockEndpoint payments = kit.camel.getEndpoint("mock:payments", MockEndpoint.class);
        // Up to one TOTP step (30 s) when another login in this JVM just used the current code.
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> payments.getReceivedCounter() > 0);
        assertThat(kit.jobRuns.recent("payments", 1).get(0).trigger()).isEqualTo("webhook");

        WebhookIngress.Answer again = post(body, sign(body, Instant.now().getEpochSecond()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text()).isEqualTo("duplicate");
        MockEndpoint events = kit.camel.getEndpoint("mock:events", MockEndpoint.class);
        assertThat(events.getExchanges().stream().filter(e -> "evt_taken1".equals(
                e.getIn().getHeader(WebhookConsumer.EVENT_ID)))).hasSize(1);
        assertThat(kit.jdbc.queryForObject("SELECT count(*) FROM bridge.camel_messageprocessed WHERE messageid = ?",
                Integer.class, "evt_taken1")).isEqualTo(1);
    }

    @Test
    void badSignatureIsRefused() {
        String body = event("evt_forged");
        String forged = WebhookSignature.header("another-secret", Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(post(body, forged).status()).isEqualTo(401);
        assertThat(post(body, null).status()).isEqualTo(401);
        String tampered = body.replace("pay_000000001", "pay_000000002");
        assertThat(post(tampered, sign(body, Instant.now().getEpochSecond())).status()).isEqualTo(401);
    }

    @Test
    void timestampMoreThanFiveMinutesOffIsRefused() {
        String body = event("evt_skewed");
        assertThat(post(body, sign(body, Instant.now().minusSeconds(301).getEpochSecond())).status()).isEqualTo(401);
        assertThat(post(body, sign(body, Instant.now().plusSeconds(301).getEpochSecond())).status()).isEqualTo(401);
        assertThat(post(body, sign(body, Instant.now().minusSeconds(240).getEpochSecond())).status()).isEqualTo(200);
    }

    @Test
    void aSignedBodyThatIsNotAnEventIsAnswered400() {
        for (String body : List.of("{\"id\":\"evt_trunc", "[1,2,3]", "{\"type\":\"payment.captured\"}", "")) {
            assertThat(post(body, sign(body, Instant.now().getEpochSecond())).status()).as(body).isEqualTo(400);
        }
    }

    @Test
    void sixConcurrentDeliveriesOfOneEventAreEachAnsweredAndTakenOnce() throws Exception {
        String body = event("evt_race1");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<WebhookIngress.Answer>> deliveries = java.util.Collections.nCopies(6,
                    () -> post(body, sign(body, Instant.now().getEpochSecond())));
            List<String> answers = new java.util.ArrayList<>();
            for (Future<WebhookIngress.Answer> f : pool.invokeAll(deliveries)) {
                WebhookIngress.Answer a = f.get();
                assertThat(a.status()).isEqualTo(200);
                answers.add(a.text());
            }
            assertThat(answers).containsOnlyOnce("taken").filteredOn("duplicate"::equals).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
