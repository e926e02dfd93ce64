package com.patientcobridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The JDBC job store on PostgreSQL: triggers outlive the process, a missed nightly firing runs once at start. */
class QuartzJobStoreTest {

    static EmbeddedPostgres pg;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void database() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").schemas("bridge")
                .createSchemas(true).load().migrate();
        jdbc = new JdbcTemplate(pg.getPostgresDatabase());
    }

    @AfterAll
    static void close() throws Exception {
        pg.close();
    }

    private static CamelContext node(String scheduler, String nodeName) throws Exception {
        String provider = "bridge-" + scheduler;
        QuartzJobStore.register(provider, pg.getPostgresDatabase());
        CamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName(scheduler);
        QuartzComponent quartz = new QuartzComponent();
        quartz.setProperties(QuartzJobStore.properties(nodeName, provider, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 2));
        camel.addComponent("quartz", quartz);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("scheduler:nightly?scheduler=quartz&scheduler.cron=0+30+1+*+*+?&scheduler.triggerId=nightly"
                        + "&scheduler.triggerGroup=bridge").routeId("nightly").to("mock:fired");
            }
        });
        camel.start();
        QuartzJobStore.requestRecovery(quartz.getScheduler());
        return camel;
    }

    @Test
    void aNightlyFiringMissedWhileDownRunsOnceAtStartAndTheTriggerMovesOn() throws Exception {
        CamelContext first = node("misfire", "a");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.qrtz_triggers WHERE sched_name = 'bridge-misfire' "
                + "AND trigger_name = 'nightly'", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT bool_and(requests_recovery) FROM bridge.qrtz_job_details "
                + "WHERE sched_name = 'bridge-misfire'", Boolean.class)).isTrue();
        first.close();

        // The bridge was down over last night's 01:30: the stored trigger's next firing is hours ago.
        long missed = Instant.now().minus(Duration.ofHours(5)).toEpochMilli();
        jdbc.update("UPDATE bridge.qrtz_triggers SET next_fire_time = ? WHERE sched_name = 'bridge-misfire'", missed);

        CamelContext second = node("misfire", "b");
        try {
            MockEndpoint fired = second.getEndpoint("mock:fired", MockEndpoint.class);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fired.getReceivedCounter() > 0);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> nextFire() > Instant.now().toEpochMilli());
            assertThat(fired.getReceivedCounter()).as("one catch-up run, not one per missed night").isEqualTo(1);
            assertThat(Instant.ofEpochMilli(nextFire())).isAfter(Instant.now().plus(Duration.ofMinutes(1)));
        } finally {
            second.close();
        }
    }

    @Test
    void aJobsLockIsHeldOnceAcrossConnectionsAndFreedWithItsConnection() throws Exception {
        Optional<JobLock> first = JobLock.tryTake(pg.getPostgresDatabase(), "accounts");
        assertThat(first).isPresent();
        assertThat(JobLock.tryTake(pg.getPostgresDatabase(), "accounts")).isEmpty();
        Optional<JobLock> other = JobLock.tryTake(pg.getPostgresDatabase(), "payments");
        assertThat(other).isPresent();
        first.get().close();
        other.get().close();
        Optional<JobLock> again = JobLock.tryTake(pg.getPostgresDatabase(), "accounts");
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void aRunLeftOpenByADeadNodeIsClosedAsInterrupted() {
        JobRuns deadNode = new JobRuns(jdbc, "node-a");
        long orphan = deadNode.start("statements", "schedule");
        JobRuns live = new JobRuns(jdbc, "node-b");
        assertThat(live.closeInterrupted("statements")).isEqualTo(1);
        JobRun closed = live.get(orphan);
        assertThat(closed.outcome()).isEqualTo("interrupted");
        assertThat(closed.endedAt()).isNotNull();
        assertThat(closed.error()).contains("node-a");
    }

    private static long nextFire() {
        return jdbc.queryForObject("SELECT next_fire_time FROM bridge.qrtz_triggers WHERE sched_name = 'bridge-misfire' "
                + "AND trigger_name = 'nightly'", Long.class);
    }
}
