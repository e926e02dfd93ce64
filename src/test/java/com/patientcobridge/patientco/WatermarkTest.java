package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.model.Resource;
import com.patientcobridge.schedule.SyncSource;
import com.patientcobridge.system.BridgeHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** The watermark moves only past completed records; the overlap re-reads, and re-read versions are not emitted again. */
class WatermarkTest {

    @Test
    void rereadsAreNotEmittedAndNewVersionsAre() throws Exception {
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small())) {
            kit.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?pageSize=50&overlap=10m&startScheduler=false").routeId("payments-poll")
                            .to("mock:payments");
                }
            });
            kit.camel.start();
            SyncSource payments = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            MockEndpoint mock = kit.camel.getEndpoint("mock:payments", MockEndpoint.class);
            int first = payments.runNow("manual", null).fetched();
            assertThat(first).isEqualTo(mock.getReceivedCounter()).isPositive();
            Instant watermark = new Watermarks(kit.jdbc).get("payments");

            assertThat(payments.runNow("manual", null).fetched()).isZero();

            kit.sandbox.clock().advanceDays(2);
            Set<String> changed = new HashSet<>();
            for (JsonNode r : list(kit, watermark)) {
                if (Instant.parse(r.get("updatedAt").asText()).isAfter(watermark)) {
                    changed.add(r.get("id").asText());
                }
            }
            mock.reset();
            int third = payments.runNow("manual", null).fetched();
            assertThat(changed).isNotEmpty();
            assertThat(third).isEqualTo(changed.size());
            assertThat(ids(mock)).containsExactlyInAnyOrderElementsOf(changed);
            assertThat(new Watermarks(kit.jdbc).get("payments")).isAfter(watermark);
        }
    }

    @Test
    void aFailedRecordHoldsTheWatermarkAndIsReadAgain() throws Exception {
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small())) {
            AtomicBoolean broken = new AtomicBoolean(true);
            kit.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?pageSize=10&startScheduler=false").routeId("payments-poll")
                            .process(e -> {
                                if (broken.get() && e.getProperty("CamelBatchIndex", Integer.class) == 3) {
                                    throw new IllegalStateException("downstream down");
                                }
                            })
                            .to("mock:refunds");
                }
            });
            kit.camel.start();
            SyncSource refunds = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            MockEndpoint mock = kit.camel.getEndpoint("mock:refunds", MockEndpoint.class);
            assertThatThrownBy(() -> refunds.runNow("manual", null)).isInstanceOf(IllegalStateException.class);
            List<String> before = ids(mock);
            assertThat(before).hasSize(3);
            broken.set(false);
            refunds.runNow("manual", null);
            List<String> all = ids(mock);
            assertThat(new HashSet<>(all)).hasSize(all.size());
            assertThat(all).hasSize(list(kit, Instant.EPOCH, "payments").size());
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

    private static List<String> ids(MockEndpoint mock) {
        List<String> ids = new ArrayList<>();
        mock.getExchanges().forEach(e -> ids.add(e.getIn().getHeader(BridgeHeaders.PATIENTCO_ID, String.class)));
        return ids;
    }
}
