package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.schedule.SyncSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** A page processed by several threads: one account's payments stay in page order, on one thread. */
class PageWorkersTest {

    @Test
    void everyRecordOnceAndEachAccountsPaymentsInTheOrderRead() throws Exception {
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small())) {
            List<Payment> seen = Collections.synchronizedList(new ArrayList<>());
            Set<String> threads = Collections.synchronizedSet(new HashSet<>());
            kit.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?pageSize=100&workers=4&startScheduler=false").routeId("payments-poll")
                            .process(e -> {
                                threads.add(Thread.currentThread().getName());
                                seen.add(e.getIn().getBody(Payment.class));
                            });
                }
            });
            kit.camel.start();
            SyncSource payments = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            int fetched = payments.runNow("manual", null).fetched();

            assertThat(seen).hasSize(fetched).isNotEmpty();
            assertThat(seen.stream().map(Payment::id).distinct().count()).isEqualTo(fetched);
            assertThat(threads).as("pages ran on the worker threads").hasSizeGreaterThan(1)
                    .allMatch(t -> t.contains("patientco-payments"));
            // Pages come in update order; per account, the payments were processed in that order.
            Map<String, Payment> last = new LinkedHashMap<>();
            for (Payment p : seen) {
                Payment before = last.put(p.accountId(), p);
                if (before != null) {
                    assertThat(p.updatedAt()).as("account " + p.accountId()).isAfterOrEqualTo(before.updatedAt());
                }
            }
        }
    }

    @Test
    void aFailureHoldsTheWatermarkBeforeTheFirstFailedRecordInPageOrder() throws Exception {
        try (PatientcoTestKit kit = new PatientcoTestKit(PatientcoTestKit.small())) {
            AtomicBoolean broken = new AtomicBoolean(true);
            List<String> done = Collections.synchronizedList(new ArrayList<>());
            kit.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?pageSize=20&workers=3&startScheduler=false").routeId("payments-poll")
                            .process(e -> {
                                if (broken.get() && e.getProperty("CamelBatchIndex", Integer.class) == 7) {
                                    throw new IllegalStateException("downstream down");
                                }
                                done.add(e.getIn().getBody(Payment.class).id());
                            });
                }
            });
            kit.camel.start();
            SyncSource payments = (SyncSource) kit.camel.getRoute("payments-poll").getConsumer();
            assertThatThrownBy(() -> payments.runNow("manual", null)).isInstanceOf(IllegalStateException.class);
            assertThat(kit.jobRuns.recent("payments", 1)).singleElement()
                    .satisfies(r -> assertThat(r.fetched()).isEqualTo(7));
            broken.set(false);
            payments.runNow("manual", null);
            // Everything is done; what ran after the failure on other threads is read again, not lost.
            Set<String> all = new HashSet<>(done);
            assertThat(all).hasSize(FullReadUnderFaultsTest.allIds(kit, com.patientcobridge.patientco.model.Resource.PAYMENTS)
                    .size());
        }
    }
}
