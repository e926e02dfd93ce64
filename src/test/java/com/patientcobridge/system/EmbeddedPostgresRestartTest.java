package com.patientcobridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Stopping and starting the bridge keeps what the embedded PostgreSQL holds; every commit is durable. */
class EmbeddedPostgresRestartTest {

    @Test
    void runHistoryAndDeadLettersSurviveARestart(@TempDir Path dataDir) {
        try (ConfigurableApplicationContext first = start(dataDir)) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.update("INSERT INTO bridge.job_run (job, node, outcome) VALUES ('payments', 'test', 'ok')");
            jdbc.update("INSERT INTO bridge.dead_letter (flow, patientco_id, reason) "
                    + "VALUES ('payment-records', 'pay_1', 'field amount missing')");
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.job_run WHERE job = 'payments'", Integer.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT reason FROM bridge.dead_letter WHERE patientco_id = 'pay_1'",
                    String.class)).isEqualTo("field amount missing");
        }
    }

    @Test
    void everyCommitWaitsForTheDisk(@TempDir Path dataDir) {
        try (ConfigurableApplicationContext bridge = start(dataDir)) {
            JdbcTemplate jdbc = bridge.getBean(JdbcTemplate.class);
            // A plain statement, and a page's transaction alike, wait for their WAL to reach the disk.
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            TransactionTemplate tx = new TransactionTemplate(bridge.getBean(PlatformTransactionManager.class));
            String inTransaction = tx.execute(s -> jdbc.queryForObject("SHOW synchronous_commit", String.class));
            assertThat(inTransaction).isEqualTo("on");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(BridgeApplication.class).run("--server.port=0",
                "--bridge.data-dir=" + dataDir, "--bridge.startup-run=false");
    }
}
