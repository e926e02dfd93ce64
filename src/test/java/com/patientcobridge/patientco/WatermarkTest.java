package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.client.PatientcoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A resource is read a page at a time, each page one exchange; the watermark moves past a page only
 * when the route marks it done; the overlap re-reads, and versions already processed are left out.
 */
class WatermarkTest {

    /** A route that takes each page's records and marks the page done, as the bridge's flows do. */
    static RouteBuilder pages(String uri, List<String> taken, AtomicBoolean failThird) {
        AtomicInteger page = new AtomicInteger();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("payments-poll").process(e -> {
                    RecordPage p = e.getIn().getBody(RecordPage.class);
                    if (failThird != null && failThird.get() && page.incrementAndGet() == 3) {
                        throw new IllegalStateException("downstream down");
                    }
                    p.items().forEach(i -> taken.add(i.id()));
                    p.markDone(p.items().size(), 0);
                });
            }
        };
    }

    @Test
    void rereadsAreNotEmittedAndNewVersionsAre() throws Exception {
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small())) {
            List<String> taken = java.util.Collections.synchronizedList(new ArrayList<>());
            kit.camel.addRoutes(pages("patientco:payments?pageSize=50&overlap=10m&startScheduler=false", taken, null));
            kit.camel.start();
            SyncSource payments = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            int first = payments.runNow("manual", null).fetched();
            assertThat(first).isEqualTo(taken.size()).isPositive();
            assertThat(new HashSet<>(taken)).hasSize(taken.size());
            Instant watermark = new Watermarks(kit.jdbc).get("payments");

            assertThat(payments.runNow("manual", null).fetched()).isZero();

            kit.sandbox.clock().advanceDays(2);
            Set<String> changed = new HashSet<>();
            for (JsonNode r : list(kit, watermark)) {
                if (Instant.parse(r.get("updatedAt").asText()).isAfter(watermark)) {
                    changed.add(r.get("id").asText());
                }
            }
            taken.clear();
            int third = payments.runNow("manual", null).fetched();
            assertThat(changed).isNotEmpty();
            assertThat(third).isEqualTo(changed.size());
            assertThat(taken).containsExactlyInAnyOrderElementsOf(changed);
            assertThat(new Watermarks(kit.jdbc).get("payments")).isAfter(watermark);
        }
    }

    @Test
    void aFailedPageHoldsTheWatermarkBeforeItAndIsReadAgainWhole() throws Exception {
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small())) {
            AtomicBoolean broken = new AtomicBoolean(true);
            List<String> taken = java.util.Collections.synchronizedList(new ArrayList<>());
            kit.camel.addRoutes(pages("patientco:payments?pageSize=10&startScheduler=false", taken, broken));
            kit.camel.start();
            SyncSource payments = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            assertThatThrownBy(() -> payments.runNow("manual", null)).hasMessageContaining("a page failed");
            assertThat(taken).hasSize(20);
            assertThat(kit.jobRuns.recent("payments", 1).get(0).outcome()).isEqualTo("failed");
            broken.set(false);
            payments.runNow("manual", null);
            assertThat(new HashSet<>(taken)).hasSize(taken.size())
                    .hasSize(list(kit, Instant.EPOCH, "payments").size());
        }
    }

    private static List<JsonNode> list(PatientcoTestKit kit, Instant since) {
        return list(kit, since, "payments");
    }

    private static List<JsonNode> list(PatientcoTestKit kit, Instant since, String resource) {
        PatientcoClient client = kit.component.connection(kit.component.getConfiguration()).client();
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = client.page(Resource.fromPath(resource), Map.of("updatedSince", since.toString()), cursor, 500);
            all.addAll(page.records());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

}
