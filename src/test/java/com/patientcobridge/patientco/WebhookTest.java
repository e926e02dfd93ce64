package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.patientco.webhook.WebhookConsumer;
import com.patientcobridge.patientco.webhook.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.patientcobridge.sandbox.Webhooks;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signed deliveries are taken once and trigger a read; bad signatures, skew and duplicates are refused or dropped. */
class WebhookTest {

    static final String SECRET = "whsec_test";
    static PatientcoTestKit kit;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        kit = new PatientcoTestKit(PatientcoTestKit.small());
        kit.camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("patientco:webhooks?webhookPort=0&webhookSecret=" + SECRET).routeId("patientco-webhooks")
                        .to("mock:events");
                from("patientco:payments?startScheduler=false").routeId("payments-poll").to("mock:payments");
            }
        });
        kit.camel.start();
        int port = ((WebhookConsumer) kit.camel.getRoute("patientco-webhooks").getConsumer()).port();
        url = "http://127.0.0.1:" + port + "/patientco/webhooks";
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    private static HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("Patientco-Signature", signature);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
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
        assertThat(post(body, sign(body, Instant.now().getEpochSecond())).statusCode()).isEqualTo(200);
        MockEndpoint payments = kit.camel.getEndpoint("mock:payments", MockEndpoint.class);
        // Up to one TOTP step (30 s) when another login in this JVM just used the current code.
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> payments.getReceivedCounter() > 0);
        assertThat(kit.jobRuns.recent("payments", 1).get(0).trigger()).isEqualTo("webhook");

        HttpResponse<String> again = post(body, sign(body, Instant.now().getEpochSecond()));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("duplicate");
        MockEndpoint events = kit.camel.getEndpoint("mock:events", MockEndpoint.class);
        assertThat(events.getExchanges().stream().filter(e -> "evt_taken1".equals(
                e.getIn().getHeader(WebhookConsumer.EVENT_ID)))).hasSize(1);
        assertThat(kit.jdbc.queryForObject("SELECT count(*) FROM bridge.camel_messageprocessed WHERE messageid = ?",
                Integer.class, "evt_taken1")).isEqualTo(1);
    }

    @Test
    void badSignatureIsRefused() throws Exception {
        String body = event("evt_forged");
        String forged = WebhookSignature.header("another-secret", Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(post(body, forged).statusCode()).isEqualTo(401);
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        String tampered = body.replace("pay_000000001", "pay_000000002");
        assertThat(post(tampered, sign(body, Instant.now().getEpochSecond())).statusCode()).isEqualTo(401);
    }

    @Test
    void timestampMoreThanFiveMinutesOffIsRefused() throws Exception {
        String body = event("evt_skewed");
        assertThat(post(body, sign(body, Instant.now().minusSeconds(301).getEpochSecond())).statusCode())
                .isEqualTo(401);
        assertThat(post(body, sign(body, Instant.now().plusSeconds(301).getEpochSecond())).statusCode())
                .isEqualTo(401);
        assertThat(post(body, sign(body, Instant.now().minusSeconds(240).getEpochSecond())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void sandboxDeliveriesDuplicatedAndOutOfOrderAreEachTakenOnce() throws Exception {
        MockEndpoint events = kit.camel.getEndpoint("mock:events", MockEndpoint.class);
        kit.sandbox.faults().webhookDuplicateShare(0.5).webhookOutOfOrder(true);
        String subscription = kit.sandbox.webhooks().subscribe(url, Set.copyOf(Webhooks.TYPES), SECRET);
        try {
            kit.sandbox.clock().advanceDays(2);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kit.sandbox.webhooks().inFlight() == 0);
        } finally {
            kit.sandbox.webhooks().unsubscribe(subscription);
            kit.sandbox.faults().webhookDuplicateShare(0).webhookOutOfOrder(false);
        }
        List<String> sent = kit.sandbox.webhooks().attempts().stream()
                .filter(a -> a.subscriptionId().equals(subscription)).map(a -> a.eventId()).toList();
        assertThat(kit.sandbox.webhooks().attempts()).filteredOn(a -> a.subscriptionId().equals(subscription))
                .allMatch(a -> a.status() == 200);
        Set<String> distinct = new HashSet<>(sent);
        assertThat(sent.size()).as("some events were delivered twice").isGreaterThan(distinct.size());
        List<String> taken = events.getExchanges().stream().map(e -> e.getIn().getHeader(WebhookConsumer.EVENT_ID,
                String.class)).filter(distinct::contains).toList();
        assertThat(taken).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(distinct);
        assertThat(taken).as("delivered newest first").isNotEqualTo(taken.stream().sorted().toList());
        assertThat(events.getExchanges().stream().map(e -> e.getIn().getHeader(WebhookConsumer.EVENT_TYPE,
                String.class))).contains("payment.captured", "settlement.closed", "settlement.deposited");
    }
}
