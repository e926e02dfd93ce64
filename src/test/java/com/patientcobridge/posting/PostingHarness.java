package com.patientcobridge.posting;

import com.patientcobridge.deadletter.BridgeErrors;
import com.patientcobridge.deadletter.DeadLetterRoutes;
import com.patientcobridge.deadletter.DeadLetterService;
import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.failure.TransientFailure;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.delivery.PostgresOutbox;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import com.patientcobridge.patientco.model.Account;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.model.PatientcoRecord;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The posting and dead-letter routes in a plain Camel context on a fresh database, with staging
 * stubbed by a table of its own ({@code bridge.test_staged}, so a rollback can be seen), accounts
 * and Patientco payments from maps, and the real PostgreSQL outbox.
 */
final class PostingHarness implements AutoCloseable {

    final TestDatabase db;
    final DefaultCamelContext camel = new DefaultCamelContext();
    final Map<String, Account> accounts = new ConcurrentHashMap<>();
    final Map<String, Payment> patientco = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    /** Record ids whose staging fails with a TransientFailure, and how many times more. */
    final Map<String, Integer> transientFailures = new ConcurrentHashMap<>();
    final List<Long> releasedOutboxRows = new ArrayList<>();
    final JobRuns runs;
    final DeadLetterService deadLetters;

    PostingHarness(Postings.Mode mode) throws Exception {
        db = TestDatabase.create();
        db.jdbc.execute("CREATE TABLE bridge.test_staged (id text NOT NULL)");
        PostgresCrosswalk crosswalk = new PostgresCrosswalk(db.jdbc);
        crosswalk.link(Crosswalk.Kind.PATIENT, "pat_1", "MRN1", "ehr");
        var tx = new DataSourceTransactionManager(db.dataSource);
        runs = new JobRuns(db.jdbc, "test");
        var runsProvider = beans(runs).getBeanProvider(JobRuns.class);
        DeadLetterStore store = new DeadLetterStore(db.jdbc, tx);
        PaymentLifecycle lifecycle = new PaymentLifecycle(db.jdbc,
                new Postings(new PostgresOutbox(db.jdbc, 4, () -> { }), mode),
                id -> Optional.ofNullable(accounts.get(id)), id -> {
                    lookups.incrementAndGet();
                    return Optional.ofNullable(patientco.get(id));
                }, store);
        camel.getRegistry().bind("PROPAGATION_REQUIRED", new SpringTransactionPolicy(tx));
        camel.addRoutesConfigurations(new BridgeErrors(new BridgeErrors.Backoff(3, 5, 2, 20)));
        camel.addRoutes(new DeadLetterRoutes(store, runsProvider));
        camel.addRoutes(new PostingRoutes(lifecycle));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String r : new String[] {"payment", "refund", "chargeback"}) {
                    from("direct:stage-" + r).routeId("stage-" + r).routeConfigurationId(BridgeErrors.STEP).process(e -> {
                        String id = e.getIn().getBody(PatientcoRecord.class).id();
                        db.jdbc.update("INSERT INTO bridge.test_staged (id) VALUES (?)", id);
                        if (transientFailures.computeIfPresent(id, (k, n) -> n - 1) != null
                                && transientFailures.get(id) >= 0) {
                            throw new TransientFailure("EHR side down for " + id);
                        }
                    });
                }
            }
        });
        camel.start();
        deadLetters = new DeadLetterService(db.jdbc, camel.createProducerTemplate(), releasedOutboxRows::add);
    }

    private static StaticListableBeanFactory beans(JobRuns runs) {
        StaticListableBeanFactory f = new StaticListableBeanFactory();
        f.addBean("jobRuns", runs);
        return f;
    }

    /** Sends a record to its flow as the poll would; returns nothing: failures end in dead letters. */
    void send(String flow, Object record, Map<String, Object> headers) {
        camel.createProducerTemplate().sendBodyAndHeaders("direct:" + flow, record, headers);
    }

    void send(String flow, Object record) {
        send(flow, record, Map.of());
    }

    List<String> outboxKeys() {
        return db.jdbc.queryForList("SELECT event_key FROM bridge.outbox ORDER BY id", String.class);
    }

    Map<String, Object> deadLetter(String patientcoId) {
        return db.jdbc.queryForMap("SELECT * FROM bridge.dead_letter WHERE patientco_id = ? ORDER BY id DESC LIMIT 1",
                patientcoId);
    }

    int count(String sql, Object... args) {
        Integer n = db.jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        camel.stop();
    }
}
