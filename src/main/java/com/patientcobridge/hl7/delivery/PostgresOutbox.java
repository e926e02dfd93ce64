package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.system.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code bridge.outbox}: one row per business event, inserted in the caller's transaction, a page's
 * events in one statement. A key already there inserts nothing. A row whose patient has no MRN
 * waits in needs_linkage; a row behind a dead or held one of the same guarantor is held. Row ids
 * follow the events' order, which the dispatcher keeps per guarantor.
 */
public class PostgresOutbox implements Outbox {

    /** The statement; its arrays come in the order of {@link #enqueueAll}'s columns. */
    static final String INSERT = "INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, payment_id, "
            + "patientco_ids, patient_id, batch_id, amount, msh10, event_json, facility, status, run_id) "
            + "SELECT e.event_key, e.flow, e.message_type, e.order_key, e.lane, e.payment_id, "
            + "string_to_array(e.ids, ' '), e.patient_id, e.batch_id, e.amount, 'PCB' || nextval('bridge.msh10_seq'), "
            + "e.event_json::json, COALESCE(e.event_json::json -> 'data' -> 'account' ->> "
            + "'facilityId', e.event_json::json -> 'data' -> 'batch' ->> 'facilityId'), CASE "
            + "WHEN EXISTS (SELECT 1 FROM bridge.outbox b WHERE b.order_key = e.order_key AND b.status IN ('dead', 'held')) "
            + "THEN 'held' WHEN e.patient_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bridge.crosswalk c "
            + "WHERE c.kind = 'patient' AND c.patientco_id = e.patient_id) THEN 'needs_linkage' ELSE 'pending' END, "
            + "e.run_id FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::numeric[], ?::text[], ?::bigint[]) WITH ORDINALITY AS e(event_key, flow, "
            + "message_type, order_key, lane, payment_id, ids, patient_id, batch_id, amount, event_json, run_id, n) "
            + "ORDER BY e.n ON CONFLICT (event_key) DO NOTHING";

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

    @Override
    public int enqueueAll(List<OutboundEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int n = events.size();
        Object[][] columns = new Object[12][n];
        for (int i = 0; i < n; i++) {
            OutboundEvent e = events.get(i);
            columns[0][i] = e.eventKey();
            columns[1][i] = e.flow();
            columns[2][i] = e.messageType();
            columns[3][i] = e.orderKey();
            columns[4][i] = lane(e.orderKey());
            columns[5][i] = e.paymentId();
            columns[6][i] = String.join(" ", e.patientcoIds());
            columns[7][i] = e.patientId();
            columns[8][i] = e.batchId();
            columns[9][i] = e.amount();
            columns[10][i] = Json.write(Map.of("type", e.payload().getClass().getSimpleName(), "data", e.payload()));
            columns[11][i] = e.runId();
        }
        String[] types = {"text", "text", "text", "text", "int4", "text", "text", "text", "text", "numeric", "text",
            "int8"};
        int inserted = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 0; i < columns.length; i++) {
                    ps.setArray(i + 1, c.createArrayOf(types[i], columns[i]));
                }
                return ps.executeUpdate();
            }
        });
        if (inserted > 0) {
            afterCommit(inserted);
        }
        return inserted;
    }

    private void afterCommit(int added) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    added(added);
                }
            });
        } else {
            added(added);
        }
    }

    private void added(int n) {
        if (statistics != null) {
            statistics.changed(n);
        }
        nudge.run();
    }

    int lane(String orderKey) {
        return Math.floorMod(orderKey.hashCode(), lanes);
    }
}
