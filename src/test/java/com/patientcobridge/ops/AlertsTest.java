package com.patientcobridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A storm of failures gives one alert at once and one summary per window, per kind. */
class AlertsTest {

    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    HttpServer receiver;
    org.apache.camel.impl.DefaultCamelContext camel;
    Alerts alerts;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        receiver.createContext("/alerts", ex -> {
            received.add(new ObjectMapper().readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        camel = new org.apache.camel.impl.DefaultCamelContext();
        camel.start();
        alerts = new Alerts(camel.createProducerTemplate(), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts", Duration.ofMillis(400),
                "node-a", Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        alerts.close();
        camel.close();
        receiver.stop(0);
    }

    @Test
    void aThousandDeadLettersInABurstSendTwoAlerts() {
        for (int i = 0; i < 1000; i++) {
            alerts.raise("dead-letter", "new dead letter in payment-records for pay_" + i);
        }
        alerts.raise("run-failed", "job payments failed on node-a after 3 s");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);
        assertThat(received).extracting(n -> n.get("kind").asText() + ":" + n.get("count").asInt())
                .containsExactlyInAnyOrder("dead-letter:1", "run-failed:1", "dead-letter:999");
        JsonNode summary = received.stream().filter(n -> n.get("count").asInt() == 999).findFirst().orElseThrow();
        assertThat(summary.get("text").asText()).contains("999 more dead-letter").contains("pay_999")
                .contains("node-a");
    }

    @Test
    void afterAQuietWindowTheNextFailureIsSentAtOnce() {
        Instant[] now = {Instant.parse("2026-12-01T06:00:00Z")};
        Alerts timed = new Alerts(camel.createProducerTemplate(), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts",
                Duration.ofMinutes(15), "node-a", new Clock() {
                    public java.time.ZoneId getZone() {
                        return java.time.ZoneOffset.UTC;
                    }

                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    public Instant instant() {
                        return now[0];
                    }
                });
        timed.raise("run-failed", "job accounts failed");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        now[0] = now[0].plus(Duration.ofMinutes(16));
        timed.raise("run-failed", "job statements failed");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received.get(1).get("count").asInt()).isEqualTo(1);
        assertThat(received.get(1).get("text").asText()).contains("job statements failed");
        timed.close();
    }
}
