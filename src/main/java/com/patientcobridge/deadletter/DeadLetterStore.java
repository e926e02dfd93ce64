package com.patientcobridge.deadletter;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
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

    public DeadLetterStore(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(tx);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records a dead letter; a record already open in the same flow gets its attempts and last-seen bumped. */
    public long record(Entry e) {
        return record(e, () -> { });
    }

    /** Records a dead letter and does {@code also} (the run's counter) in the same, separate transaction. */
    public long record(Entry e, Runnable also) {
        return own.execute(status -> {
            also.run();
            if (e.patientcoId() != null) {
                List<Long> open = jdbc.queryForList("SELECT id FROM bridge.dead_letter WHERE flow = ? AND patientco_id = ? "
                        + "AND status IN ('open', 'waiting')", Long.class, e.flow(), e.patientcoId());
                if (!open.isEmpty()) {
                    // Failed again (a replay, a re-read): the latest reason; waiting only while something blocks it.
                    jdbc.update("UPDATE bridge.dead_letter SET attempts = attempts + ?, last_seen = now(), reason = ?, "
                            + "exception = ?, payload = coalesce(?, payload), payload_type = coalesce(?, payload_type), "
                            + "blocked_by = coalesce(?, blocked_by), status = ? WHERE id = ?", e.attempts(), e.reason(),
                            e.exception(), e.payload(), e.payloadType(), e.blockedBy(),
                            e.blockedBy() == null ? "open" : "waiting", open.get(0));
                    return open.get(0);
                }
            }
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(con -> {
                var ps = con.prepareStatement("INSERT INTO bridge.dead_letter (flow, resource, patientco_id, order_key, "
                        + "reason, exception, attempts, payload, payload_type, endpoint_uri, outbox_id, run_id, blocked_by, "
                        + "status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {"id"});
                ps.setString(1, e.flow());
                ps.setString(2, e.resource());
                ps.setString(3, e.patientcoId());
                ps.setString(4, e.orderKey());
                ps.setString(5, e.reason());
                ps.setString(6, e.exception());
                ps.setInt(7, e.attempts());
                ps.setString(8, e.payload());
                ps.setString(9, e.payloadType());
                ps.setString(10, e.endpointUri());
                ps.setObject(11, e.outboxId());
                ps.setObject(12, e.runId());
                ps.setObject(13, e.blockedBy());
                ps.setString(14, e.blockedBy() == null ? "open" : "waiting");
                return ps;
            }, key);
            return ((Number) key.getKeys().get("id")).longValue();
        });
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
