package com.patientcobridge.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the bridge's Flyway schema, on one embedded PostgreSQL shared by the test
 * JVM: much faster than a Spring context for tests of one part.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger COUNT = new AtomicInteger();

    public final DataSource dataSource;
    public final JdbcTemplate jdbc;
    public final TransactionTemplate tx;

    private TestDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public static synchronized TestDatabase create() throws Exception {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (Exception e) {
                    // shutting down anyway
                }
            }));
        }
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        DataSource ds = postgres.getDatabase("postgres", name);
        Flyway.configure().dataSource(ds).schemas("bridge").createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        return new TestDatabase(ds);
    }
}
