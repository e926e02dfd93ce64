package com.patientcobridge.posting;

import com.patientcobridge.deadletter.DeadLetterService;
import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.delivery.PostgresOutbox;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.PatientcoRecord;
import com.patientcobridge.model.Payment;
import com.patientcobridge.pages.PageProcessor;
import com.patientcobridge.patientco.RecordPage;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.staging.StagedRecords;
import com.patientcobridge.support.TestDatabase;
import com.patientcobridge.system.BridgeHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The posting routes as the bridge runs them (pages in a transaction, the real staging tables, the
 * PostgreSQL outbox, dead letters in the page's transaction, replays through the dead-letter
 * service), in a plain Camel context on a fresh database; Patientco's accounts and payments come
 * from maps, and a staged account can be put in place.
 */
final class PostingHarness implements AutoCloseable {

    final TestDatabase db;
    final DefaultCamelContext camel = new DefaultCamelContext();
    final Map<String, Account> accounts = new ConcurrentHashMap<>();
    final Map<String, Payment> patientco = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    /** Lookups of these payment ids fail as Patientco being down, this many more times. */
    final Map<String, Integer> outages = new ConcurrentHashMap<>();
    final List<Long> releasedOutboxRows = new ArrayList<>();
    final JobRuns runs;
    final DeadLetterService deadLetters;

    PostingHarness(Postings.Mode mode) throws Exception {
        db = TestDatabase.create();
        PostgresCrosswalk crosswalk = new PostgresCrosswalk(db.jdbc);
        crosswalk.link(Crosswalk.Kind.PATIENT, "pat_1", "MRN1", "ehr");
        var tx = new DataSourceTransactionManager(db.dataSource);
        runs = new JobRuns(db.jdbc, "test");
        PageDeadLetters pageDeadLetters = new PageDeadLetters(db.jdbc, new DeadLetterStore(db.jdbc, tx));
        PostgresOutbox outbox = new PostgresOutbox(db.jdbc, 4, () -> { });
        Postings postings = new Postings(mode);
        AccountLookup fromPatientco = id -> Optional.ofNullable(accounts.get(id));
        PaymentLookup payments = id -> {
            lookups.incrementAndGet();
            if (outages.computeIfPresent(id, (k, n) -> n - 1) != null && outages.get(id) >= 0) {
                throw new com.patientcobridge.failure.TransientFailure("Patientco down while reading " + id);
            }
            return Optional.ofNullable(patientco.get(id));
        };
        List<String> ids = new ArrayList<>();
        List<PageProcessor<?>> flows = new ArrayList<>();
        for (PostingFlow.Kind kind : PostingFlow.Kind.values()) {
            ids.add(kind.flow);
            flows.add(new PageProcessor<>(new PostingFlow(kind, db.jdbc, postings, outbox, fromPatientco, payments),
                    pageDeadLetters, tx));
        }
        camel.getRegistry().bind("PROPAGATION_REQUIRED", new SpringTransactionPolicy(tx));
        camel.addRoutes(new PostingRoutes(ids, flows));
        camel.start();
        deadLetters = new DeadLetterService(db.jdbc, camel.createProducerTemplate(), releasedOutboxRows::add);
        flows.forEach(f -> f.onRecovered(deadLetters::recovered));
    }

    /** Sends one record to its flow as a replay or a webhook read would; returns the exchange. */
    Exchange send(String flow, PatientcoRecord record, Map<String, Object> headers) {
        return camel.createProducerTemplate().send("direct:" + flow, e -> {
            e.getIn().setBody(record);
            e.getIn().setHeaders(new java.util.HashMap<>(headers));
            e.getIn().setHeader(BridgeHeaders.RESOURCE, resource(flow));
        });
    }

    Exchange send(String flow, PatientcoRecord record) {
        return send(flow, record, Map.of());
    }

    /** Sends records to their flow as one page, as a read would. */
    Exchange page(String flow, List<? extends PatientcoRecord> records) {
        RecordPage page = RecordPage.of(resource(flow), records, null);
        return camel.createProducerTemplate().send("direct:" + flow, e -> e.getIn().setBody(page));
    }

    /** An account as the accounts flow would have staged it. */
    void stage(Account account) {
        StagedRecords.ACCOUNTS.upsert(db.jdbc, List.of(account));
    }

    private static String resource(String flow) {
        return flow.replace("-records", "s");
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
