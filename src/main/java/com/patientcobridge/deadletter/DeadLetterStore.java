package com.patientcobridge.deadletter;

import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bridge.dead_letter}: what failed, where, why, and the payload to replay it (in the
 * database only). Written in its own transaction, so it survives the failed record's rollback.
 */
public class DeadLetterStore {

    /** A new dead letter. */
    public record Entry(String flow, String resource, String patientcoId, String orderKey, String reason,
            String exception, int attempts, String payload, String payloadType, String endpointUri, Long outboxId,
            Long runId, Long blockedBy) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    private volatile Consumer<Entry> onNew = e -> { };

    public DeadLetterStore(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(tx);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records a dead letter; a record already open in the same flow gets its attempts and last-seen bumped. */
    public long record(Entry e) {
        return record(e, () -> { });
    }

    /**
     * Records a dead letter and does {@code also} (the run's counter) in the same, separate
     * transaction. One statement, so two nodes failing the same record at once still leave one row.
     */
    public long record(Entry e, Runnable also) {
        long[] idAndNew = own.execute(status -> {
            also.run();
            // Failed again (a replay, a re-read): the latest reason; waiting only while something blocks it.
            return jdbc.queryForObject("INSERT INTO bridge.dead_letter AS d (flow, resource, patientco_id, order_key, "
                    + "reason, exception, attempts, payload, payload_type, endpoint_uri, outbox_id, run_id, blocked_by, "
                    + "status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (flow, patientco_id) "
                    + "WHERE status IN ('open', 'waiting') AND patientco_id IS NOT NULL DO UPDATE SET "
                    + "attempts = d.attempts + EXCLUDED.attempts, last_seen = now(), reason = EXCLUDED.reason, "
                    + "exception = EXCLUDED.exception, payload = coalesce(EXCLUDED.payload, d.payload), "
                    + "payload_type = coalesce(EXCLUDED.payload_type, d.payload_type), "
                    + "blocked_by = coalesce(EXCLUDED.blocked_by, d.blocked_by), status = EXCLUDED.status "
                    // xmax is 0 on a row this statement inserted, not on one it updated.
                    + "RETURNING id, (xmax = 0) AS inserted",
                    (rs, i) -> new long[] {rs.getLong("id"), rs.getBoolean("inserted") ? 1 : 0}, e.flow(), e.resource(), e.patientcoId(), e.orderKey(), e.reason(), e.exception(),
                    e.attempts(), e.payload(), e.payloadType(), e.endpointUri(), e.outboxId(), e.runId(), e.blockedBy(),
                    e.blockedBy() == null ? "open" : "waiting");
        });
        if (idAndNew[1] == 1) {
            onNew.accept(e);
        }
        return idAndNew[0];
    }

    /** Tells the listeners of a dead letter written by a page, once its transaction committed. */
    void announce(Entry e) {
        onNew.accept(e);
    }

    /** Told of each new dead letter, after it is committed (alerts, metrics); not of repeated failures. */
    public void onNew(Consumer<Entry> listener) {
        Consumer<Entry> before = onNew;
        onNew = e -> {
            before.accept(e);
            listener.accept(e);
        };
    }

    /** The open dead letter of a record (e.g. a payment), if any: later events of it wait behind it. */
    public Long openFor(String patientcoId) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM bridge.dead_letter WHERE patientco_id = ? "
                + "AND status IN ('open', 'waiting') ORDER BY id LIMIT 1", Long.class, patientcoId);
        return ids.isEmpty() ? null : ids.get(0);
    }

    public Map<String, Object> get(long id) {
        return jdbc.queryForMap("SELECT * FROM bridge.dead_letter WHERE id = ?", id);
    }

    public int openCount() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM bridge.dead_letter WHERE status IN ('open','waiting')",
                Integer.class);
        return n == null ? 0 : n;
    }
}
