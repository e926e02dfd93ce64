package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.client.MalformedRecordException;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.schedule.JobRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Against the sandbox over HTTP with every fault on: nothing lost, nothing twice, malformed records dead-lettered. */
class FullReadUnderFaultsTest {

    @Test
    void fullReadUnderFaultsReturnsExactlyTheSandboxRecords() throws Exception {
        // 500 guarantors: the sandbox malforms records by id hash, and the first 1% ones are payments past no. 1800.
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small().withGuarantors(500)
                .withSessionLifetime(Duration.ofSeconds(30)))) {
            List<RecordPage.Item> payments = java.util.Collections.synchronizedList(new ArrayList<>());
            List<RecordPage.Item> accountsRead = java.util.Collections.synchronizedList(new ArrayList<>());
            List<RecordPage.Malformed> dead = java.util.Collections.synchronizedList(new ArrayList<>());
            kit.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?pageSize=100&startScheduler=false").routeId("payments-poll")
                            .process(e -> take(e, payments, dead));
                    from("patientco:accounts?pageSize=25&startScheduler=false").routeId("accounts-poll")
                            .process(e -> take(e, accountsRead, dead));
                }
            });
            kit.camel.start();
            kit.sandbox.faults().share429(0.10).share5xx(0.05).malformedShare(0.01);

            SyncSource paymentsJob = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            SyncSource accountsJob = (SyncSource) kit.camel.getRoute("accounts-poll").getConsumer();
            SyncSource.RunResult p = paymentsJob.runNow("manual", null);
            SyncSource.RunResult a = accountsJob.runNow("manual", null);

            kit.sandbox.faults().share429(0).share5xx(0).malformedShare(0);
            List<String> truePayments = allIds(kit, Resource.PAYMENTS);
            List<String> trueAccounts = allIds(kit, Resource.ACCOUNTS);

            List<String> emitted = payments.stream().map(RecordPage.Item::id).toList();
            List<String> deadIds = dead.stream().map(RecordPage.Malformed::id).toList();
            assertThat(new HashSet<>(emitted)).hasSize(emitted.size());
            Set<String> readOrDead = new HashSet<>(emitted);
            accountsRead.forEach(i -> readOrDead.add(i.id()));
            readOrDead.addAll(deadIds);
            Set<String> truth = new HashSet<>(truePayments);
            truth.addAll(trueAccounts);
            // Malformations that destroy the id leave the dead letter without one; count those apart.
            long deadWithoutId = deadIds.stream().filter(id -> id == null).count();
            readOrDead.remove(null);
            assertThat(truth).containsAll(readOrDead);
            assertThat(truth.size() - readOrDead.size()).isEqualTo(deadWithoutId);
            assertThat(dead).isNotEmpty().allSatisfy(m -> {
                assertThat(m.rawJson()).startsWith("{");
                assertThat(m.reason()).isInstanceOf(MalformedRecordException.class).hasMessageContaining("field '");
            });
            assertThat(payments.get(0).record()).isInstanceOf(Payment.class);
            JobRun run = kit.jobRuns.get(p.runId());
            JobRun accountsRun = kit.jobRuns.get(a.runId());
            assertThat(run.fetched() - run.deadLettered()).isEqualTo(emitted.size());
            assertThat(run.fetched() + accountsRun.fetched()).isEqualTo(truth.size());
            assertThat(run.outcome()).isIn("ok", "partial");
            assertThat(kit.component.getHttp().retries()).isPositive();
        }
    }

    /** A page's records and its malformed ones, taken; the page marked done, as a flow does. */
    static void take(Exchange e, List<RecordPage.Item> items, List<RecordPage.Malformed> dead) {
        RecordPage page = e.getIn().getBody(RecordPage.class);
        items.addAll(page.items());
        dead.addAll(page.malformed());
        page.markDone(page.items().size(), page.malformed().size());
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

}
