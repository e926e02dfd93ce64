package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.deadletter.PermanentFailure;
import com.patientcobridge.patientco.client.RetryPolicy;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.session.HttpMfaCodeSource;
import com.patientcobridge.patientco.session.PatientcoCredentials;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.sandbox.SandboxSettings;
import com.patientcobridge.schedule.SyncSource;
import com.patientcobridge.support.TestDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * A full read of payments through the {@code patientco:} consumer with the faults on together
 * (10% 429, 5% 5xx, short sessions, 1% malformed) returns exactly the sandbox's records: each
 * good one once, each malformed one dead-lettered with its id and field, none lost.
 */
class PatientcoConsumerFaultsTest {

    @Test
    void fullReadUnderFaultsReturnsExactlyTheSandboxsRecords() throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().withSeed(11).withGuarantors(300)
                .withSessionLifetime(Duration.ofSeconds(3));
        settings.faults().share429(0.10).share5xx(0.05).malformedShare(0.01);
        TestDatabase db = TestDatabase.create();
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        Set<String> duplicates = ConcurrentHashMap.newKeySet();
        Set<String> deadLettered = ConcurrentHashMap.newKeySet();
        try (SandboxServer sandbox = SandboxServer.start(settings, 0); DefaultCamelContext camel = new DefaultCamelContext()) {
            PatientcoComponent component = new PatientcoComponent();
            component.setConnection(new PatientcoConnection(sandbox.baseUrl(), new PatientcoCredentials("password",
                    settings.username(), settings.password(), settings.totpSecret(), "sms", null, null),
                    new HttpMfaCodeSource(sandbox.baseUrl(), settings.username()),
                    new RetryPolicy(8, Duration.ofMillis(20), Duration.ofMillis(200))));
            component.setWatermarks(new Watermarks(db.jdbc));
            camel.addComponent("patientco", component);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?pageSize=100&delay=3600000&initialDelay=3600000").routeId("payments-poll")
                            .process(e -> {
                                if (!delivered.add(e.getIn().getBody(Payment.class).id())) {
                                    duplicates.add(e.getIn().getBody(Payment.class).id());
                                }
                            });
                    from("direct:dead-letter").process(e -> {
                        PermanentFailure f = e.getProperty(Exchange.EXCEPTION_CAUGHT, PermanentFailure.class);
                        assertThat(f.reason()).contains(f.recordId()).contains("field '");
                        deadLettered.add(f.recordId());
                    });
                }
            });
            camel.start();
            SyncSource source = (SyncSource) camel.getRoute("payments-poll").getConsumer();
            SyncSource.RunResult first = source.runNow("test", null);
            SyncSource.RunResult again = source.runNow("test", null);

            Set<String> all = new HashSet<>();
            for (int j = 0; j < 300 * 4; j++) {
                all.add(String.format("pay_%09d", j));
            }
            assertThat(duplicates).isEmpty();
            assertThat(deadLettered).isNotEmpty();
            assertThat(delivered).doesNotContainAnyElementsOf(deadLettered);
            Set<String> union = new HashSet<>(delivered);
            union.addAll(deadLettered);
            assertThat(union).isEqualTo(all);
            assertThat(first.fetched()).isEqualTo(delivered.size());
            assertThat(again.fetched()).as("a re-read delivers nothing twice").isZero();
            assertThat(component.getConnection().client().session().refusal()).isNull();
        }
    }
}
