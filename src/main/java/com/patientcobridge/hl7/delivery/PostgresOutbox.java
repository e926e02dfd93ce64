package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.Crosswalk;
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
    private final Crosswalk crosswalk;
    private final int lanes;
    private final Runnable nudge;

    public PostgresOutbox(JdbcTemplate jdbc, Crosswalk crosswalk, int lanes, Runnable nudge) {
        this.jdbc = jdbc;
        this.crosswalk = crosswalk;
        this.lanes = lanes;
        this.nudge = nudge;
    }

    @Override
    public boolean enqueue(OutboundEvent e) {
        String status = "pending";
        if (e.patientId() != null && crosswalk.find(Crosswalk.Kind.PATIENT, e.patientId()).isEmpty()) {
            status = "needs_linkage";
        }
        Integer blocked = jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE order_key = ? "
                + "AND status IN ('dead', 'held')", Integer.class, e.orderKey());
        if (blocked != null && blocked > 0) {
            status = "held";
        }
        String initial = status;
        String json = Json.write(Map.of("type", e.payload().getClass().getSimpleName(), "data", e.payload()));
        int inserted = jdbc.update("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, payment_id, "
                + "patientco_ids, patient_id, batch_id, msh10, event_json, status, run_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PCB' || nextval('bridge.msh10_seq'), ?::jsonb, ?, ?) "
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
                    ps.setString(11, initial);
                    ps.setObject(12, e.runId());
                });
        if (inserted > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    nudge.run();
                }
            });
        } else if (inserted > 0) {
            nudge.run();
        }
        return inserted > 0;
    }

    int lane(String orderKey) {
        return Math.floorMod(orderKey.hashCode(), lanes);
    }
}
