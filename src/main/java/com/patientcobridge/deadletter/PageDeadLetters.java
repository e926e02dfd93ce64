package com.patientcobridge.deadletter;

import com.patientcobridge.privacy.LogRedaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The dead letters a page causes, written in the page's own transaction: a record's fault and the
 * rest of its page commit together, or neither does (an outage is never a dead letter). A dead
 * letter holds back what it names ({@code hold_keys}): a later record naming one of them waits
 * behind it, {@code waiting}, until it is replayed or resolved.
 */
public final class PageDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(PageDeadLetters.class);

    /**
     * A dead letter of a page. {@code blockedBy} is an open dead letter this record waits behind;
     * {@code blockedByRecord}, the Patientco id of one written by the same page before it.
     */
    public record Entry(String flow, String resource, String patientcoId, String orderKey, String reason,
            String exception, String payload, String payloadType, String endpointUri, Long runId,
            List<String> holdKeys, Long blockedBy, String blockedByRecord) {

        boolean waits() {
            return blockedBy != null || blockedByRecord != null;
        }
    }

    private static final String UPSERT = "INSERT INTO bridge.dead_letter AS d (flow, resource, patientco_id, order_key, "
            + "reason, exception, attempts, payload, payload_type, endpoint_uri, run_id, blocked_by, hold_keys, status) "
            + "SELECT DISTINCT ON (u.flow, coalesce(u.patientco_id, '#' || u.n)) u.flow, u.resource, u.patientco_id, u.order_key, u.reason, "
            + "u.exception, 1, u.payload, u.payload_type, u.endpoint_uri, u.run_id, u.blocked_by, "
            + "string_to_array(u.hold_keys, ' '), CASE WHEN u.blocked_by IS NULL THEN 'open' ELSE 'waiting' END "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::int8[], ?::int8[], ?::text[]) WITH ORDINALITY AS u(flow, resource, patientco_id, order_key, "
            + "reason, exception, payload, payload_type, endpoint_uri, run_id, blocked_by, hold_keys, n) "
            + "ORDER BY u.flow, coalesce(u.patientco_id, '#' || u.n), u.n "
            + "ON CONFLICT (flow, patientco_id) WHERE status IN ('open', 'waiting') AND patientco_id IS NOT NULL "
            + "DO UPDATE SET attempts = d.attempts + 1, last_seen = now(), reason = EXCLUDED.reason, "
            + "exception = EXCLUDED.exception, payload = coalesce(EXCLUDED.payload, d.payload), "
            + "payload_type = coalesce(EXCLUDED.payload_type, d.payload_type), "
            + "blocked_by = coalesce(EXCLUDED.blocked_by, d.blocked_by), hold_keys = EXCLUDED.hold_keys, "
            + "status = EXCLUDED.status RETURNING id, patientco_id, (xmax = 0) AS inserted";

    private final JdbcTemplate jdbc;
    private final DeadLetterStore store;

    public PageDeadLetters(JdbcTemplate jdbc, DeadLetterStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** An open (or waiting) dead letter and a key it holds. */
    public record Hold(String key, long deadLetterId, String flow, String patientcoId) {
    }

    /**
     * The open (or waiting) dead letters that hold any of these keys, oldest first. A replay of dead
     * letter {@code replayOf} (null otherwise) is held only by older ones, never by itself or by
     * those that wait behind it.
     */
    public List<Hold> openHolds(Collection<String> keys, Long replayOf) {
        List<Hold> holds = new ArrayList<>();
        if (keys.isEmpty()) {
            return holds;
        }
        jdbc.query("SELECT k, d.id, d.flow, d.patientco_id FROM bridge.dead_letter d, unnest(d.hold_keys) k "
                + "WHERE d.status IN ('open', 'waiting') AND d.hold_keys && ?::text[] AND k = ANY (?::text[]) "
                + "AND d.id < ? ORDER BY d.id", ps -> {
                    Array wanted = ps.getConnection().createArrayOf("text", keys.toArray());
                    ps.setArray(1, wanted);
                    ps.setArray(2, wanted);
                    ps.setLong(3, replayOf == null ? Long.MAX_VALUE : replayOf);
                }, rs -> {
                    holds.add(new Hold(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
                });
        return holds;
    }

    /** Writes the page's dead letters in its transaction: first those that wait for nothing, then the others. */
    public int recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<Entry> first = entries.stream().filter(e -> e.blockedByRecord() == null).toList();
        Map<String, Long> ids = write(first);
        List<Entry> behind = new ArrayList<>();
        for (Entry e : entries) {
            if (e.blockedByRecord() != null) {
                behind.add(new Entry(e.flow(), e.resource(), e.patientcoId(), e.orderKey(), e.reason(), e.exception(),
                        e.payload(), e.payloadType(), e.endpointUri(), e.runId(), e.holdKeys(),
                        ids.get(e.blockedByRecord()), null));
            }
        }
        write(behind);
        return entries.size();
    }

    /** One statement for a list; returns the ids by Patientco id. */
    private Map<String, Long> write(List<Entry> entries) {
        Map<String, Long> ids = new LinkedHashMap<>();
        if (entries.isEmpty()) {
            return ids;
        }
        Map<String, Entry> byId = new HashMap<>();
        entries.forEach(e -> byId.putIfAbsent(e.patientcoId(), e));
        List<Entry> created = new ArrayList<>();
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                bind(c, ps, entries);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getString(2), rs.getLong(1));
                        if (rs.getBoolean(3) && byId.containsKey(rs.getString(2))) {
                            created.add(byId.get(rs.getString(2)));
                        }
                    }
                }
            }
            return null;
        });
        for (Entry e : entries) {
            // Ids, flow and reason only: the payload stays in the database.
            LOG.warn("Dead letter{} in {} for {}: {}", e.waits() ? " (waiting)" : "", e.flow(), e.patientcoId(),
                    e.reason());
        }
        announceAfterCommit(created);
        return ids;
    }

    private static void bind(Connection c, PreparedStatement ps, List<Entry> entries) throws SQLException {
        int n = entries.size();
        Object[][] cols = new Object[12][n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            cols[0][i] = e.flow();
            cols[1][i] = e.resource();
            cols[2][i] = e.patientcoId();
            cols[3][i] = e.orderKey();
            cols[4][i] = DeadLetterRoutes.oneLine(e.reason(), 500);
            cols[5][i] = e.exception() == null ? null : DeadLetterRoutes.oneLine(LogRedaction.exception(e.exception()),
                    1000);
            cols[6][i] = e.payload();
            cols[7][i] = e.payloadType();
            cols[8][i] = e.endpointUri();
            cols[9][i] = e.runId();
            cols[10][i] = e.blockedBy();
            cols[11][i] = e.holdKeys() == null ? "" : String.join(" ", e.holdKeys());
        }
        String[] types = {"text", "text", "text", "text", "text", "text", "text", "text", "text", "int8", "int8", "text"};
        for (int i = 0; i < cols.length; i++) {
            ps.setArray(i + 1, c.createArrayOf(types[i], cols[i]));
        }
    }

    private void announceAfterCommit(List<Entry> created) {
        if (created.isEmpty()) {
            return;
        }
        Runnable tell = () -> created.forEach(e -> store.announce(new DeadLetterStore.Entry(e.flow(), e.resource(),
                e.patientcoId(), e.orderKey(), e.reason(), null, 1, null, null, null, null, e.runId(), e.blockedBy())));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    tell.run();
                }
            });
        } else {
            tell.run();
        }
    }
}
