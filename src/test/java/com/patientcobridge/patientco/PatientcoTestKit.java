package com.patientcobridge.patientco;

import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.RetryPolicy;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.sandbox.SandboxSettings;
import com.patientcobridge.sandbox.SandboxStandIn;
import com.patientcobridge.schedule.JobRuns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/** A sandbox over HTTP, an embedded PostgreSQL with the bridge's schema, and a Camel context with the component. */
final class PatientcoTestKit implements AutoCloseable {

    final SandboxServer sandbox;
    final EmbeddedPostgres pg;
    final DataSource dataSource;
    final JdbcTemplate jdbc;
    final JobRuns jobRuns;
    final CamelContext camel;
    final PatientcoComponent component;

    PatientcoTestKit(SandboxSettings settings) throws Exception {
        sandbox = SandboxServer.start(settings, 0);
        pg = EmbeddedPostgres.builder().start();
        dataSource = pg.getPostgresDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas("bridge")
                .createSchemas(true).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        jobRuns = new JobRuns(jdbc, "test");
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("dataSource", dataSource);
        camel.getRegistry().bind("jobRuns", jobRuns);
        camel.getRegistry().bind("jobLocks", com.patientcobridge.schedule.JobLock.locks(dataSource));
        component = new PatientcoComponent();
        PatientcoConfiguration c = component.getConfiguration();
        var s = sandbox.settings();
        c.setBaseUrl(sandbox.baseUrl());
        c.setUsername(s.username());
        c.setPassword(s.password());
        c.setTotpSecret(s.totpSecret());
        c.setClientId(s.clientId());
        c.setClientSecret(s.clientSecret());
        c.setArchiveDir("target/patientco-test/archive");
        c.setDiagnosticsDir("target/patientco-test/diagnostics");
        // Quick retries keep the fault tests short; the policy is the production one otherwise.
        component.setHttp(new PatientcoHttp(camel, new RetryPolicy(8, Duration.ofMillis(20), Duration.ofMillis(500))));
        component.setMfaCodeSource(SandboxStandIn.codes(sandbox));
        component.setWatermarks(new Watermarks(jdbc));
        camel.addComponent("patientco", component);
        // Started now, so the transport route carries requests; routes a test adds start as they are added.
        camel.start();
    }

    static SandboxSettings small() {
        return SandboxSettings.defaults().withSeed(42).withGuarantors(60);
    }

    @Override
    public void close() throws Exception {
        camel.close();
        sandbox.close();
        pg.close();
    }
}
