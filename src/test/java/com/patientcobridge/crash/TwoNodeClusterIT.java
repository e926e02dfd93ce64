package com.patientcobridge.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static com.patientcobridge.crash.BridgeProcesses.count;
import static com.patientcobridge.crash.BridgeProcesses.javaBin;
import static com.patientcobridge.crash.BridgeProcesses.receivedControlIds;
import static com.patientcobridge.crash.BridgeProcesses.tableExists;
import static com.patientcobridge.crash.BridgeProcesses.useDatabaseAndEhr;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.sandbox.SandboxSettings;
import com.patientcobridge.support.HapiEhr;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two bridge processes on one database and one Patientco: the accounts job is scheduled to fire
 * once, a minute or so ahead; it runs on one node only; that node is killed (SIGKILL) in the
 * middle of the run; the other node's Quartz notices the dead node and recovers the job, which
 * finishes the work: every account staged and sent once, every message acknowledged.
 */
class TwoNodeClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GUARANTORS = 400;

    @Test
    void aJobFiresOnOneNodeAndTheOtherRecoversItWhenThatNodeDies() throws Exception {
        Path jar = Path.of("target/patientco-bridge.jar");
        assertThat(jar).exists();
        Path work = Files.createTempDirectory("cluster");
        List<Process> nodes = new ArrayList<>();
        SandboxSettings settings = SandboxSettings.defaults().withGuarantors(GUARANTORS);
        // Slow pages keep the run long enough to be killed in its middle.
        settings.faults().latencyMillis(120);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start(); HapiEhr ehr = new HapiEhr();
                SandboxServer sandbox = SandboxServer.start(settings, 0)) {
            JdbcTemplate jdbc = new JdbcTemplate(pg.getPostgresDatabase());
            ZoneId zone = ZoneId.of("America/New_York");
            ZonedDateTime fire = ZonedDateTime.now(zone).plusSeconds(100).withNano(0);
            String once = fire.getSecond() + " " + fire.getMinute() + " " + fire.getHour() + " " + fire.getDayOfMonth()
                    + " " + fire.getMonthValue() + " ? " + fire.getYear();
            nodes.add(start(jar, work, "node-a", once, pg, ehr, sandbox));
            nodes.add(start(jar, work, "node-b", once, pg, ehr, sandbox));

            await("both nodes checked in with the cluster").atMost(Duration.ofSeconds(95))
                    .pollInterval(Duration.ofMillis(250)).until(() -> tableExists(jdbc, "qrtz_scheduler_state")
                            && count(jdbc, "SELECT count(*) FROM bridge.qrtz_scheduler_state") == 2);
            assertThat(ZonedDateTime.now(zone)).as("the nodes started before the firing").isBefore(fire);

            await("the accounts run under way").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(jdbc, "SELECT count(*) FROM bridge.job_run WHERE job = 'accounts' "
                            + "AND ended_at IS NULL AND fetched > 40") == 1);
            String victim = jdbc.queryForObject("SELECT node FROM bridge.job_run WHERE job = 'accounts'", String.class);
            Process dying = nodes.get(victim.equals("node-a") ? 0 : 1);
            dying.destroyForcibly();
            assertThat(dying.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String survivor = victim.equals("node-a") ? "node-b" : "node-a";

            await("the survivor recovers the job and finishes it").atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> count(jdbc, "SELECT count(*) FROM bridge.job_run "
                            + "WHERE job = 'accounts' AND node = '" + survivor + "' AND outcome = 'ok'") == 1);
            await("every message acknowledged").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(jdbc, "SELECT count(*) FROM bridge.outbox WHERE status NOT IN "
                            + "('acked', 'needs_linkage')") == 0);

            // One firing, two runs: the killed one (closed as interrupted) and the recovery; they never overlapped.
            assertThat(jdbc.queryForList("SELECT node || ':' || outcome FROM bridge.job_run WHERE job = 'accounts' "
                    + "ORDER BY id", String.class)).containsExactly(victim + ":interrupted", survivor + ":ok");
            assertThat(count(jdbc, "SELECT count(*) FROM bridge.job_run a JOIN bridge.job_run b ON a.job = b.job "
                    + "AND a.id < b.id AND b.started_at < a.ended_at")).isZero();
            // Nothing lost, nothing doubled.
            assertThat(count(jdbc, "SELECT count(*) FROM staging.account")).isEqualTo(sandboxAccounts(sandbox));
            assertThat(count(jdbc, "SELECT count(*) FROM (SELECT event_key FROM bridge.outbox GROUP BY event_key "
                    + "HAVING count(*) > 1) d")).isZero();
            Set<String> acked = new HashSet<>(jdbc.queryForList(
                    "SELECT msh10 FROM bridge.outbox WHERE status = 'acked'", String.class));
            List<String> received = receivedControlIds(ehr);
            assertThat(new HashSet<>(received)).isEqualTo(acked);
            assertThat(received.size() - acked.size()).as("resent after the kill, same MSH-10")
                    .isLessThanOrEqualTo(BridgeProcesses.RESENT_AT_MOST);
        } finally {
            nodes.forEach(Process::destroyForcibly);
            for (Process p : nodes) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
            org.springframework.util.FileSystemUtils.deleteRecursively(work);
        }
    }

    private static Process start(Path jar, Path work, String node, String accountsCron, EmbeddedPostgres pg,
            HapiEhr ehr, SandboxServer sandbox) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx384m", "-jar", jar.toAbsolutePath().toString(),
                "--bridge.node=" + node, "--bridge.data-dir=" + work.resolve(node), "--server.port=0",
                "--bridge.startup-run=false", "--bridge.schedule.cluster-checkin=PT1S",
                "--bridge.schedule.accounts=" + accountsCron, "--patientco.page-size=20",
                "--logging.level.root=WARN",
                "--logging.level.com.patientcobridge.schedule=INFO", "--logging.level.org.quartz=INFO"));
        for (String job : List.of("statements", "payments", "refunds", "chargebacks", "settlements", "payment-plans",
                "communications")) {
            command.add("--bridge.schedule." + job + "=0 0 0 1 1 ? 2099");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        useDatabaseAndEhr(env, pg, ehr);
        // One Patientco for both nodes, as in production; OAuth, since a TOTP code may be used only once.
        env.put("PATIENTCO_BASE_URL", sandbox.baseUrl());
        env.put("PATIENTCO_AUTH", "oauth");
        env.put("PATIENTCO_CLIENT_ID", sandbox.settings().clientId());
        env.put("PATIENTCO_CLIENT_SECRET", sandbox.settings().clientSecret());
        // Logs stay in target/ after the test, for whoever reads a failure.
        Path logs = Files.createDirectories(Path.of("target/it-logs"));
        pb.redirectErrorStream(true).redirectOutput(logs.resolve("cluster-" + node + ".log").toFile());
        return pb.start();
    }

    /** How many accounts the sandbox serves, counted through its API. */
    private static int sandboxAccounts(SandboxServer sandbox) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + sandbox.settings().clientId() + "&client_secret="
                + URLEncoder.encode(sandbox.settings().clientSecret(), StandardCharsets.UTF_8);
        JsonNode token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body());
        String bearer = "Bearer " + token.get("access_token").asText();
        int total = 0;
        String cursor = null;
        do {
            String url = sandbox.baseUrl() + "/api/v1/accounts?limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString()).body());
            total += page.get("data").size();
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return total;
    }
}
