package com.patientcobridge;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.schedule.JobRun;
import com.patientcobridge.support.HapiEhr;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole bridge on embedded PostgreSQL, the in-process sandbox and HAPI's own MLLP server as
 * the EHR: the routes in routes/ read Patientco, the codes in mappings/ shape the messages, every
 * event reaches the EHR once, and a re-run sends nothing.
 */
@BridgeSpringTest
// Spring Boot tests turn metrics export off unless asked: this one checks /actuator/prometheus.
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeEndToEndTest {

    static HapiEhr ehr;

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;
    @Autowired CamelContext camel;
    @Autowired SandboxServer sandbox;
    @Autowired CodeTables codes;

    @DynamicPropertySource
    static void ehr(DynamicPropertyRegistry registry) throws Exception {
        registry.add("bridge.ops.users[0].username", () -> "finance");
        registry.add("bridge.ops.users[0].password-hash",
                () -> new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("finance-pw"));
        registry.add("bridge.ops.users[0].role", () -> "operator");
        registry.add("bridge.reconcile.export-dir", () -> "target/test-data/reconciliation");
        ehr = new HapiEhr();
        registry.add("ehr.mllp.host", () -> "127.0.0.1");
        registry.add("ehr.mllp.port", ehr::port);
    }

    @AfterAll
    static void stop() throws Exception {
        ehr.close();
    }

    @Test
    @Order(1)
    void yamlRoutesFromRoutesFolderAreLive() {
        assertThat(camel.getRoute("payments-poll")).isNotNull();
        assertThat(camel.getRoute("payments-poll").getEndpoint().getEndpointUri()).startsWith("patientco://payments");
        assertThat(codes.text("transaction-codes", "PAYMENT.card.code")).isEqualTo("PCOCARD");
    }

    @Test
    @Order(2)
    void fullCycleDeliversEveryEventOnceWithCodesFromMappings(CapturedOutput output) throws Exception {
        List<JobRun> runs = cycle.runCycle("test", Duration.ofMinutes(3));
        assertThat(runs).extracting(JobRun::job).containsExactly("accounts", "statements", "payments", "refunds",
                "chargebacks", "settlements", "payment-plans", "communications");
        assertThat(runs).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("ok"));
        // The first read stages every record; each page adds its committed count to the run once.
        assertThat(count("SELECT staged FROM bridge.job_run WHERE job = 'payments' ORDER BY id LIMIT 1"))
                .isEqualTo(count("SELECT count(*) FROM staging.payment")).isPositive();

        int acked = count("SELECT count(*) FROM bridge.outbox WHERE status = 'acked'");
        assertThat(acked).isGreaterThan(100);
        assertThat(ehr.received()).hasSize(acked);
        assertThat(count("SELECT count(*) FROM bridge.outbox WHERE status IN ('pending','sent','dead','held')")).isZero();

        Set<String> controlIds = new HashSet<>();
        int payments = 0;
        for (String text : ehr.received()) {
            Message m = ehr.context().getPipeParser().parse(text);
            Terser t = new Terser(m);
            assertThat(controlIds.add(t.get("/MSH-10"))).as("MSH-10 sent once").isTrue();
            assertThat(t.get("/.PID-3-1")).as("PID-3 never empty").isNotBlank();
            if ("DFT".equals(t.get("/MSH-9-1")) && "Payment".equals(t.get("/.FT1-8").split(" ")[0])) {
                payments++;
                String method = t.get("/.FT1-7-1");
                assertThat(method).isIn("PCOCARD", "PCOACH");
                assertThat(t.get("/.FT1-6")).isEqualTo("PY");
                assertThat(t.get("/.FT1-11-1-1")).startsWith("-");
                assertThat(t.get("/.FT1-30-1")).startsWith("pay_");
            }
        }
        assertThat(payments).isEqualTo(count("SELECT count(*) FROM bridge.outbox WHERE event_key LIKE 'payment:%:captured' "
                + "AND status = 'acked'"));
        // Settled batches are staged and every settled sale is matched to an acknowledged posting or listed.
        assertThat(count("SELECT count(*) FROM staging.settlement_batch WHERE status = 'deposited'")).isGreaterThan(0);
        Map<String, Object> outcomes = Map.copyOf(jdbc.queryForMap(
                "SELECT count(*) FILTER (WHERE outcome = 'matched') AS matched, count(*) AS total "
                        + "FROM staging.reconciliation WHERE type = 'sale'"));
        assertThat(((Number) outcomes.get("matched")).intValue()).isPositive();

        // No PHI in the logs: names, MRNs and card tokens of the sandbox's data never appear.
        String log = output.getAll();
        for (Map<String, Object> row : jdbc.queryForList("SELECT record->'guarantor'->>'lastName' AS name, "
                + "record->'patients'->0->>'mrn' AS mrn FROM staging.account LIMIT 50")) {
            if (row.get("mrn") != null) {
                assertThat(log).doesNotContain((String) row.get("mrn"));
            }
        }
        assertThat(log).doesNotContain("tok_").doesNotContain("MSH|");
    }

    @Test
    @Order(3)
    void reRunThatFindsNothingNewSendsNothing() {
        int before = ehr.received().size();
        List<JobRun> runs = cycle.runCycle("test", Duration.ofMinutes(1));
        assertThat(runs).allSatisfy(r -> assertThat(r.sent()).isZero());
        assertThat(ehr.received()).hasSize(before);
    }

    @Test
    @Order(4)
    void daysLaterReversalsArePostedOnceWithTheirMeaning() throws Exception {
        sandbox.clock().advanceDays(6);
        cycle.runCycle("test", Duration.ofMinutes(3));
        int refunds = count("SELECT count(*) FROM staging.refund WHERE status = 'completed'");
        int refundPostings = count("SELECT count(*) FROM bridge.outbox WHERE event_key LIKE 'refund:%' AND status = 'acked'");
        assertThat(refundPostings).isEqualTo(refunds).isPositive();
        for (String text : ehr.received()) {
            Terser t = new Terser(ehr.context().getPipeParser().parse(text));
            if (!"DFT".equals(t.get("/MSH-9-1"))) {
                continue;
            }
            String description = t.get("/.FT1-8");
            if (description != null && description.startsWith("Refund ")) {
                assertThat(t.get("/.FT1-7-1")).isIn("PCOREFC", "PCOREFA");
                assertThat(t.get("/.FT1-11-1-1")).doesNotStartWith("-");
                assertThat(description).contains("ref_");
            }
        }
        assertThat(count("SELECT count(*) FROM (SELECT event_key FROM bridge.outbox GROUP BY event_key "
                + "HAVING count(*) > 1) d")).isZero();
        assertThat(ehr.received()).hasSize(count("SELECT count(*) FROM bridge.outbox WHERE status = 'acked'"));

        // Every deposited dollar is matched to an acknowledged posting or listed with its reason: a sale is never
        // settled without a posting, and a posting not acknowledged is one waiting for its patient's MRN.
        assertThat(count("SELECT count(*) FROM staging.reconciliation WHERE type = 'sale' "
                + "AND outcome = 'settled_not_posted'")).isZero();
        assertThat(count("SELECT count(*) FROM staging.reconciliation WHERE outcome = 'posted_not_acked' "
                + "AND posting_status <> 'needs_linkage'")).isZero();
        assertThat(count("SELECT count(*) FROM staging.reconciliation WHERE outcome = 'amount_differs'")).isZero();
        assertThat(count("SELECT count(*) FROM staging.reconciliation r JOIN staging.settlement_batch b "
                + "ON b.id = r.batch_id WHERE b.status = 'deposited' AND r.outcome = 'matched'")).isPositive();
    }

    @Test
    @Order(5)
    void financeReadsReconciliationFromTheApiAndGetsTheCsvPerDepositDate(
            @org.springframework.beans.factory.annotation.Value("${local.server.port}") int port) throws Exception {
        var rest = new org.springframework.boot.test.web.client.TestRestTemplate("finance", "finance-pw");
        String base = "http://localhost:" + port + "/ops/api";
        List<?> daily = rest.getForObject(base + "/reconciliation/daily?days=30", List.class);
        assertThat(daily).isNotEmpty();
        String day = jdbc.queryForObject("SELECT max(deposit_date)::text FROM staging.settlement_batch "
                + "WHERE status = 'deposited'", String.class);
        var answer = rest.postForEntity(base + "/reconciliation/export?depositDate=" + day, null, Map.class);
        assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
        java.nio.file.Path csv = java.nio.file.Path.of("target/test-data/reconciliation/reconciliation-" + day + ".csv");
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("deposit_date,facility_id,batch_id,item_id");
        assertThat(lines).hasSize(1 + count("SELECT count(*) FROM staging.reconciliation WHERE deposit_date = '"
                + day + "'"));
        var viewer = new org.springframework.boot.test.web.client.TestRestTemplate("nobody", "wrong");
        // Wrong credentials get the login page, not the data.
        String refused = viewer.getForObject(base + "/runs", String.class);
        assertThat(refused).contains("name=\"password\"").doesNotContain("\"job\"");
    }

    @Test
    @Order(6)
    void prometheusShowsDeliveriesPerFlowDeadLetterDepthJobDurationsAndLastGoodRunAge(
            @org.springframework.beans.factory.annotation.Value("${local.server.port}") int port) {
        String metrics = new org.springframework.boot.test.web.client.TestRestTemplate()
                .getForObject("http://localhost:" + port + "/actuator/prometheus", String.class);
        int acked = count("SELECT count(*) FROM bridge.outbox WHERE status = 'acked' AND message_type LIKE 'DFT%'");
        assertThat(metrics).containsPattern("bridge_hl7_messages_total\\{[^}]*outcome=\"acked\"[^}]*type=\"DFT\\^P03\"");
        double ackedDft = metrics.lines().filter(l -> l.startsWith("bridge_hl7_messages_total{")
                && l.contains("outcome=\"acked\"") && l.contains("type=\"DFT^P03\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(ackedDft).isEqualTo(acked);
        assertThat(metrics).contains("bridge_dead_letters_open " + count("SELECT count(*) FROM bridge.dead_letter "
                + "WHERE status IN ('open', 'waiting')") + ".0");
        assertThat(metrics).containsPattern("bridge_job_duration_seconds_count\\{job=\"payments\",outcome=\"ok\"\\} [1-9]");
        assertThat(metrics).containsPattern("bridge_job_last_good_age_seconds\\{job=\"payments\"\\} [0-9]");
        assertThat(metrics).contains("bridge_job_last_good_age_seconds{job=\"communications\"}");
        // Camel's per-route meters, tagged with the route (flow).
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"payments-poll\"");
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
