package com.patientcobridge.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.support.CrashablePostgres;
import com.patientcobridge.support.HapiEhr;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL crashes under a running bridge and comes back: health says DOWN within 5 s, a payment
 * file dropped meanwhile waits where it was dropped, and once the database is back the lanes, the
 * schedules and the file drop carry on by themselves, without a restart of the bridge.
 */
@BridgeSpringTest
class DatabaseOutageTest {

    static CrashablePostgres pg;
    static HapiEhr ehr;
    static Path inbox;
    static Path results;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        pg = CrashablePostgres.start(Files.createTempDirectory("outage-pg"));
        ehr = new HapiEhr();
        inbox = Files.createTempDirectory("outage-inbox");
        results = Files.createTempDirectory("outage-results");
        registry.add("spring.datasource.url", pg::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("ehr.mllp.host", () -> "127.0.0.1");
        registry.add("ehr.mllp.port", ehr::port);
        registry.add("patientco.inbound.dir", inbox::toString);
        registry.add("patientco.inbound.outbox-dir", results::toString);
        registry.add("patientco.inbound.poll-delay", () -> "500");
        // One schedule on, often, to see it fire again after the outage.
        registry.add("bridge.schedule.enabled", () -> "true");
        registry.add("bridge.schedule.communications", () -> "0/5 * * * * ?");
    }

    @AfterAll
    static void stop() throws Exception {
        ehr.close();
        pg.close();
    }

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;
    @Autowired SandboxServer sandbox;
    @LocalServerPort int port;

    @Test
    void theBridgeSaysDownWithinFiveSecondsAndCarriesOnByItselfWhenTheDatabaseIsBack() throws Exception {
        cycle.runCycle("test", Duration.ofMinutes(3));
        int deliveredBefore = ehr.received().size();
        assertThat(deliveredBefore).isPositive();
        assertThat(health()).isEqualTo(200);

        pg.crash();
        Instant crashed = Instant.now();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> health() == 503);
        assertThat(Duration.between(crashed, Instant.now())).isLessThan(Duration.ofSeconds(5));

        Files.writeString(inbox.resolve("dropped-during-outage.csv"), "account,amount,payment_method_token,reference\n"
                + "acc_000000003,1.00,tok_visa_4242,OUTAGE-1\n");
        sandbox.clock().advanceDays(2);
        // While the database is down the file is not set aside: it stays to be read again.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> Files.exists(inbox.resolve("dropped-during-outage.csv")));
        assertThat(inbox.resolve(".failed")).doesNotExist();

        pg.restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> health() == 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(results.resolve("dropped-during-outage.result.csv")));
        Instant back = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT count(*) FROM bridge.job_run "
                + "WHERE job = 'communications' AND trigger = 'schedule' AND started_at > ?", Integer.class,
                java.sql.Timestamp.from(back)) > 0);
        // New work reaches the EHR through the same lanes, which were never restarted by hand.
        cycle.runCycle("after-outage", Duration.ofMinutes(3));
        assertThat(ehr.received().size()).isGreaterThan(deliveredBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE status IN ('pending','sent')",
                Integer.class)).isZero();
    }

    int health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health")).timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
