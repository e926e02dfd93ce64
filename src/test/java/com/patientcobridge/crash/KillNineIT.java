package com.patientcobridge.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static com.patientcobridge.crash.BridgeProcesses.count;
import static com.patientcobridge.crash.BridgeProcesses.javaBin;
import static com.patientcobridge.crash.BridgeProcesses.receivedControlIds;
import static com.patientcobridge.crash.BridgeProcesses.tableExists;
import static com.patientcobridge.crash.BridgeProcesses.useDatabaseAndEhr;
import static org.awaitility.Awaitility.await;

import com.patientcobridge.support.HapiEhr;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crash safety: the packaged bridge runs as a separate process, is killed with SIGKILL in the
 * middle of its cycle, and is started again. From the EHR's received messages and the tables:
 * every event arrived, none was posted twice (a message sent but not yet recorded at the kill may
 * arrive twice with the same MSH-10, which the EHR drops as a duplicate).
 */
class KillNineIT {

    @Test
    void killedMidRunTheBridgeFinishesWithEveryEventExactlyOnce() throws Exception {
        Path jar = Path.of("target/patientco-bridge.jar");
        assertThat(jar).exists();
        Path work = Files.createTempDirectory("kill9");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); HapiEhr ehr = new HapiEhr()) {
            JdbcTemplate jdbc = new JdbcTemplate(pg.getPostgresDatabase());

            Process first = start(jar, work, pg, ehr, "first.log");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                    tableExists(jdbc, "outbox") && count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE status = 'acked' "
                            + "AND event_key LIKE 'payment:%'") > 50);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int ackedAtKill = count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE status = 'acked'");

            Process second = start(jar, work, pg, ehr, "second.log");
            assertThat(second.waitFor(5, TimeUnit.MINUTES)).as("second run ends").isTrue();
            assertThat(second.exitValue()).as("second run exit code; see " + work.resolve("second.log")).isZero();

            assertThat(count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE status <> 'acked' "
                    + "AND status <> 'needs_linkage'")).isZero();
            int acked = count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE status = 'acked'");
            assertThat(acked).isGreaterThan(ackedAtKill);
            assertThat(count(jdbc, "SELECT count(*) FROM (SELECT event_key FROM bridge.outbox GROUP BY event_key "
                    + "HAVING count(*) > 1) d")).isZero();
            Set<String> sent = new HashSet<>(jdbc.queryForList(
                    "SELECT msh10 FROM bridge.outbox WHERE status = 'acked'", String.class));
            List<String> received = receivedControlIds(ehr);
            assertThat(new HashSet<>(received)).isEqualTo(sent);
            assertThat(received.size() - sent.size()).as("duplicates (same MSH-10) from messages in flight at the kill")
                    .isLessThanOrEqualTo(BridgeProcesses.RESENT_AT_MOST);
            // Every payment the sandbox served is staged once, and each posted once.
            int staged = count(jdbc, "SELECT count(*) FROM staging.payment");
            assertThat(staged).isEqualTo(count(jdbc, "SELECT count(DISTINCT id) FROM staging.payment"));
            assertThat(count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE event_key LIKE 'payment:%:captured'"))
                    .isEqualTo(count(jdbc, "SELECT count(*) FROM bridge.payment_ledger WHERE posted"));
            // Every lifecycle transition (payments, voids, refunds, chargebacks) is in the outbox exactly once,
            // and every completed refund and every chargeback staged has its reversal there, or a dead letter.
            assertThat(count(jdbc, "SELECT count(*) FROM bridge.payment_transition t WHERE t.enqueued AND NOT EXISTS "
                    + "(SELECT 1 FROM bridge.outbox o WHERE o.event_key = t.event_key)")).isZero();
            assertThat(count(jdbc, "SELECT count(*) FROM bridge.outbox o WHERE o.event_key ~ '^(payment|refund|chargeback):' "
                    + "AND NOT EXISTS (SELECT 1 FROM bridge.payment_transition t WHERE t.event_key = o.event_key)")).isZero();
            assertThat(count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE event_key ~ '^(refund|chargeback):' "
                    + "AND status = 'acked'")).as("reversals in the simulated days").isPositive();
            assertThat(count(jdbc, "SELECT count(*) FROM staging.refund r WHERE r.status = 'completed' AND NOT EXISTS "
                    + "(SELECT 1 FROM bridge.outbox o WHERE o.event_key = 'refund:' || r.id || ':completed') AND NOT EXISTS "
                    + "(SELECT 1 FROM bridge.dead_letter d WHERE d.patientco_id = r.id)")).isZero();
            assertThat(count(jdbc, "SELECT count(*) FROM staging.chargeback c WHERE NOT EXISTS "
                    + "(SELECT 1 FROM bridge.outbox o WHERE o.event_key = 'chargeback:' || c.id || ':opened') AND NOT EXISTS "
                    + "(SELECT 1 FROM bridge.dead_letter d WHERE d.patientco_id = c.id)")).isZero();
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(work);
        }
    }

    private static Process start(Path jar, Path work, EmbeddedPostgres pg, HapiEhr ehr, String log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--bridge.once=true", "--bridge.data-dir=" + work.resolve("data"), "--sandbox.guarantors=400",
                "--sandbox.advance-days-at-start=3", "--logging.level.root=WARN"));
        Map<String, String> env = pb.environment();
        useDatabaseAndEhr(env, pg, ehr);
        env.remove("PATIENTCO_BASE_URL");
        pb.redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        return pb.start();
    }
}
