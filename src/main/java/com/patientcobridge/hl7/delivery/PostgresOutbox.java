package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.system.Json;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code bridge.outbox}: one row per business event, inserted in the caller's transaction. A key
 * already there inserts nothing. A row whose patient has no MRN waits in needs_linkage; a row
 * behind a dead one of the same guarantor is held.
 */
public class PostgresOutbox implements Outbox {

    private final JdbcTemplate jdbc;
    private final int lanes;
    private final Runnable nudge;
    private final OutboxStatistics statistics;

    public PostgresOutbox(JdbcTemplate jdbc, int lanes, Runnable nudge) {
        this(jdbc, lanes, nudge, null);
    }

    /** {@code nudge} wakes the lanes after a commit; {@code statistics} (may be null) counts the rows added. */
    public PostgresOutbox(JdbcTemplate jdbc, int lanes, Runnable nudge, OutboxStatistics statistics) {
        this.jdbc = jdbc;
        this.lanes = lanes;
        this.nudge = nudge;
        this.statistics = statistics;
    }

    /**
     * One statement: the row's first status (held behind a dead or held row of its guarantor,
     * waiting for its patient's MRN, or pending) is decided by the insert itself.
     */
    @Override
    public boolean enqueue(OutboundEvent e) {
        String json = Json.write(Map.of("type", e.payload().getClass().getSimpleName(), "data", e.payload()));
        int inserted = jdbc.update("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, payment_id, "
                + "patientco_ids, patient_id, batch_id, msh10, event_json, status, run_id) "
                + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PCB' || nextval('bridge.msh10_seq'), ?::jsonb, CASE "
                + "WHEN EXISTS (SELECT 1 FROM bridge.outbox b WHERE b.order_key = ? AND b.status IN ('dead', 'held')) "
                + "THEN 'held' WHEN ?::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bridge.crosswalk c "
                + "WHERE c.kind = 'patient' AND c.patientco_id = ?) THEN 'needs_linkage' ELSE 'pending' END, ? "
                + "ON CONFLICT (event_key) DO NOTHING",
                ps -> {
                    ps.setString(1, e.eventKey());
                    ps.setString(2, e.flow());
                    ps.setString(3, e.messageType());
                    ps.setString(4, e.orderKey());
                    ps.setInt(5, lane(e.orderKey()));
                    ps.setString(6, e.paymentId());
                    ps.setArray(7, ps.getConnection().createArrayOf("text", e.patientcoIds().toArray()));
                    ps.setString(8, e.patientId());
                    ps.setString(9, e.batchId());
                    ps.setString(10, json);
                    ps.setString(11, e.orderKey());
                    ps.setString(12, e.patientId());
                    ps.setString(13, e.patientId());
                    ps.setObject(14, e.runId());
                });
        if (inserted > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    added();
                }
            });
        } else if (inserted > 0) {
            added();
        }
        return inserted > 0;
    }

    private void added() {
        if (statistics != null) {
            statistics.changed(1);
        }
        nudge.run();
    }

    int lane(String orderKey) {
        return Math.floorMod(orderKey.hashCode(), lanes);
    }
}
