package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.patientco.client.MalformedRecordException;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.model.Resource;
import com.patientcobridge.schedule.JobRun;
import com.patientcobridge.schedule.SyncSource;
import com.patientcobridge.system.BridgeHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** Against the sandbox over HTTP with every fault on: nothing lost, nothing twice, malformed records dead-lettered. */
class FullReadUnderFaultsTest {

    @Test
    void fullReadUnderFaultsReturnsExactlyTheSandboxRecords() throws Exception {
        // 500 guarantors: the sandbox malforms records by id hash, and the first 1% ones are payments past no. 1800.
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small().withGuarantors(500)
                .withSessionLifetime(Duration.ofSeconds(30)))) {
            kit.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?pageSize=100&startScheduler=false").routeId("payments-poll")
                            .to("mock:payments");
                    from("patientco:accounts?pageSize=25&startScheduler=false").routeId("accounts-poll")
                            .to("mock:accounts");
                    from("direct:dead-letter").to("mock:dead");
                }
            });
            kit.camel.start();
            kit.sandbox.faults().share429(0.10).share5xx(0.05).malformedShare(0.01);

            SyncSource payments = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            SyncSource accounts = (SyncSource) kit.camel.getRoute("accounts-poll").getConsumer();
            SyncSource.RunResult p = payments.runNow("manual", null);
            SyncSource.RunResult a = accounts.runNow("manual", null);

            kit.sandbox.faults().share429(0).share5xx(0).malformedShare(0);
            List<String> truePayments = allIds(kit, Resource.PAYMENTS);
            List<String> trueAccounts = allIds(kit, Resource.ACCOUNTS);

            List<String> emitted = ids(kit.camel.getEndpoint("mock:payments", MockEndpoint.class).getExchanges());
            List<Exchange> dead = kit.camel.getEndpoint("mock:dead", MockEndpoint.class).getExchanges();
            List<String> deadIds = ids(dead);
            assertThat(new HashSet<>(emitted)).hasSize(emitted.size());
            Set<String> readOrDead = new HashSet<>(emitted);
            readOrDead.addAll(ids(kit.camel.getEndpoint("mock:accounts", MockEndpoint.class).getExchanges()));
            readOrDead.addAll(deadIds);
            Set<String> truth = new HashSet<>(truePayments);
            truth.addAll(trueAccounts);
            // Malformations that destroy the id leave the dead letter without one; count those apart.
            long deadWithoutId = deadIds.stream().filter(id -> id == null).count();
            readOrDead.remove(null);
            assertThat(truth).containsAll(readOrDead);
            assertThat(truth.size() - readOrDead.size()).isEqualTo(deadWithoutId);
            assertThat(dead).isNotEmpty();
            for (Exchange d : dead) {
                assertThat(d.getIn().getBody()).isInstanceOf(String.class);
                assertThat(d.getIn().getHeader(BridgeHeaders.FLOW, String.class)).endsWith("-poll");
                Exception e = d.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                assertThat(e).isInstanceOf(MalformedRecordException.class).hasMessageContaining("field '");
            }
            assertThat(kit.camel.getEndpoint("mock:payments", MockEndpoint.class).getExchanges().get(0).getIn()
                    .getBody()).isInstanceOf(Payment.class);
            JobRun run = kit.jobRuns.get(p.runId());
            assertThat(run.fetched()).isEqualTo(emitted.size());
            assertThat(run.fetched() + run.deadLettered() + a.fetched() + a.deadLettered()).isEqualTo(truth.size());
            assertThat(run.outcome()).isIn("ok", "partial");
            assertThat(kit.component.getHttp().retries()).isPositive();
        }
    }

    static List<String> allIds(PatientcoTestKit kit, Resource resource) {
        PatientcoClient client = kit.component.connection(kit.component.getConfiguration()).client();
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            PatientcoClient.Page page = client.page(resource, Map.of("updatedSince", "1970-01-01T00:00:00Z"), cursor,
                    500);
            for (JsonNode r : page.records()) {
                ids.add(r.get("id").asText());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    static List<String> ids(List<Exchange> exchanges) {
        List<String> ids = new ArrayList<>();
        for (Exchange e : exchanges) {
            ids.add(e.getIn().getHeader(BridgeHeaders.PATIENTCO_ID, String.class));
        }
        return ids;
    }
}
