package com.patientcobridge.crash;

import static com.patientcobridge.crash.BridgeProcesses.count;
import static com.patientcobridge.crash.BridgeProcesses.receivedControlIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.support.CrashablePostgres;
import com.patientcobridge.support.HapiEhr;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL itself crashes (immediate shutdown: no checkpoint, the WAL replayed at restart) while
 * the bridge is reading pages and delivering them. After the restart and one more cycle, every
 * event is in the outbox once and reached the EHR under one MSH-10: a message can only have left
 * from a row that was already durable, so nothing the EHR saw was forgotten by the crash.
 */
@BridgeSpringTest
class PostgresCrashTest {

    static CrashablePostgres pg;
    static HapiEhr ehr;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        pg = CrashablePostgres.start(Files.createTempDirectory("crash-pg"));
        ehr = new HapiEhr();
        registry.add("spring.datasource.url", pg::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("ehr.mllp.host", () -> "127.0.0.1");
        registry.add("ehr.mllp.port", ehr::port);
        registry.add("sandbox.guarantors", () -> "400");
        registry.add("sandbox.advance-days-at-start", () -> "3");
        // Small pages: many commits in flight when the crash comes.
        registry.add("patientco.page-size", () -> "50");
    }

    @AfterAll
    static void stop() throws Exception {
        ehr.close();
        pg.close();
    }

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;

    @Test
    void crashedMidRunEveryEventIsPostedOnceUnderOneControlId() throws Exception {
        CompletableFuture<CycleRunner.Cycle> first = CompletableFuture.supplyAsync(
                () -> cycle.cycle("before-crash", Duration.ofMinutes(3)));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> count(jdbc,
                "SELECT count(*) FROM bridge.outbox WHERE status = 'acked' AND event_key LIKE 'payment:%'") > 30);
        pg.crash();
        int receivedAtCrash = ehr.received().size();
        pg.restart();
        CycleRunner.Cycle interrupted = first.get(5, TimeUnit.MINUTES);

        assertThat(interrupted.failed()).as("jobs the crash interrupted").isNotEmpty();

        CycleRunner.Cycle second = cycle.cycle("after-crash", Duration.ofMinutes(3));
        assertThat(second.failed()).as("jobs of the run after the restart").isEmpty();
        assertThat(ehr.received().size()).isGreaterThan(receivedAtCrash);

        assertThat(count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE status NOT IN ('acked', 'needs_linkage')"))
                .as("messages left undelivered").isZero();
        Set<String> recorded = new HashSet<>(jdbc.queryForList(
                "SELECT msh10 FROM bridge.outbox WHERE status = 'acked'", String.class));
        List<String> received = receivedControlIds(ehr);
        // Every MSH-10 the EHR saw is one the database still holds: none was sent from a row the crash forgot.
        assertThat(new HashSet<>(received)).isEqualTo(recorded);
        assertThat(received.size() - recorded.size()).as("resent under the same MSH-10, dropped by the EHR as duplicates")
                .isLessThanOrEqualTo(BridgeProcesses.RESENT_AT_MOST);
        // And every payment reached the EHR under one control id, whatever the crash interrupted.
        Map<String, Set<String>> controlIdsByPayment = new HashMap<>();
        for (String m : ehr.received()) {
            Terser t = new Terser(ehr.context().getPipeParser().parse(m));
            if ("DFT".equals(t.get("/MSH-9-1"))) {
                controlIdsByPayment.computeIfAbsent(t.get("/.FT1-23") + " " + t.get("/.FT1-6"), k -> new HashSet<>())
                        .add(t.get("/MSH-10"));
            }
        }
        assertThat(controlIdsByPayment).isNotEmpty();
        assertThat(controlIdsByPayment.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(count(jdbc, "SELECT count(*) FROM (SELECT event_key FROM bridge.outbox GROUP BY event_key "
                + "HAVING count(*) > 1) d")).isZero();
        assertThat(count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE event_key LIKE 'payment:%:captured'"))
                .isEqualTo(count(jdbc, "SELECT count(*) FROM bridge.payment_ledger WHERE posted"));
        assertThat(count(jdbc, "SELECT count(*) FROM bridge.payment_transition t WHERE t.enqueued AND NOT EXISTS "
                + "(SELECT 1 FROM bridge.outbox o WHERE o.event_key = t.event_key)")).isZero();
    }
}
