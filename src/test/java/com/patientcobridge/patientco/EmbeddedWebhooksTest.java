package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.schedule.JobRuns;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** The embedded default with webhooks on: the sandbox's events reach routes/patientco-webhooks.yaml and start reads. */
@BridgeSpringTest
@TestPropertySource(properties = {"patientco.webhook.enabled=true", "patientco.webhook.port=0"})
class EmbeddedWebhooksTest {

    @Autowired
    SandboxServer sandbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRuns jobRuns;

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
                + "'patientco-webhooks'", Long.class)).isEqualTo(delivered);
        // The read starts once logged in: up to one TOTP step (30 s) when another login in this JVM just used the
        // current code. (Its end is not awaited: the first read takes in the whole history.)
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> jobRuns.recent("payments", 5).stream()
                .anyMatch(r -> r.trigger().equals("webhook")));
    }
}
