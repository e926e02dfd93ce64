package com.patientcobridge.hl7.delivery;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The dispatcher's reads and writes of {@code bridge.outbox} and {@code bridge.message_store}. */
class OutboxRows {

    private static final RowMapper<OutboxRow> ROW = OutboxRows::row;
    /** {@link #next}'s query; parameters lane and limit. */
    static final String NEXT = "SELECT o.* FROM bridge.outbox o WHERE o.lane = ? AND o.status IN ('pending', 'sent') "
            + "AND o.next_attempt_at <= now() AND NOT EXISTS (SELECT 1 FROM bridge.outbox e "
            + "WHERE e.order_key = o.order_key AND e.id < o.id AND e.status IN ('pending', 'sent', 'held', 'dead')) "
            + "ORDER BY o.created_at, o.id LIMIT ?";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxStatistics statistics;

    OutboxRows(JdbcTemplate jdbc) {
        this(jdbc, null, null);
    }

    /**
     * With {@code tx}, a delivery's writes commit together, in one transaction of the bridge's
     * manager; {@code statistics} (may be null) counts the rows acknowledged.
     */
    OutboxRows(JdbcTemplate jdbc, PlatformTransactionManager tx, OutboxStatistics statistics) {
        this.jdbc = jdbc;
        this.tx = tx == null ? null : new TransactionTemplate(tx);
        this.statistics = statistics;
    }

    private void together(Runnable writes) {
        if (tx == null) {
            writes.run();
        } else {
            tx.executeWithoutResult(status -> writes.run());
        }
    }

    /**
     * The next rows a lane may send, oldest first: due, and with no earlier row (by id) of the same
     * guarantor still unsent, held or dead (order per guarantor). Oldest by (created_at, id), the
     * order of the queue index (V54), which the primary key cannot give: ordered by id alone,
     * PostgreSQL walked the primary key through every acknowledged row. The per-guarantor check's
     * plan depends on recent statistics: see {@link OutboxStatistics}.
     */
    List<OutboxRow> next(int lane, int limit) {
        return jdbc.query(NEXT, ROW, lane, limit);
    }

    void needsLinkage(long id) {
        together(() -> jdbc.update("UPDATE bridge.outbox SET status = 'needs_linkage' WHERE id = ?", id));
    }

    /** A send that was not accepted: the attempt, and the message as built, on the row. */
    void sending(OutboxRow row, boolean resend) {
        together(() -> jdbc.update("UPDATE bridge.outbox SET status = 'sent', hl7 = ?, event_type = ?, "
                + "attempts = attempts + 1, resends = resends + ?, sent_at = now() WHERE id = ?", row.hl7(),
                SentType.of(row.hl7()), resend ? 1 : 0, row.id()));
    }

    /** A message the EHR accepted: its row as sent, the ACK that accepted it, and when. */
    record Delivered(OutboxRow row, int resends, Timestamp sentAt, String ackCode, String ack, String mrn) {
    }

    /**
     * Accepted messages, recorded in one statement (so in one commit): each row acked, the message as
     * built and its ACK in the store (the message is kept there, not a second time on the row), and
     * the runs' counters, whatever their number.
     */
    void acked(List<Delivered> done) {
        if (done.isEmpty()) {
            return;
        }
        int n = done.size();
        Object[][] c = new Object[8][n];
        for (int i = 0; i < n; i++) {
            Delivered d = done.get(i);
            c[0][i] = d.row().id();
            c[1][i] = d.row().hl7();
            c[2][i] = d.resends();
            c[3][i] = d.sentAt();
            c[4][i] = d.ackCode();
            c[5][i] = d.ack() == null ? "" : d.ack();
            c[6][i] = d.mrn();
            c[7][i] = SentType.of(d.row().hl7());
        }
        String[] types = {"int8", "text", "int4", "timestamptz", "text", "text", "text", "text"};
        jdbc.execute((java.sql.Connection con) -> {
            try (java.sql.PreparedStatement ps = con.prepareStatement(ACKED)) {
                for (int i = 0; i < c.length; i++) {
                    ps.setArray(i + 1, con.createArrayOf(types[i], c[i]));
                }
                return ps.executeUpdate();
            }
        });
        if (statistics != null) {
            statistics.changed(done.size());
        }
    }

    /** {@link #acked}'s statement: the rows, the store and the runs' counters, in data-modifying CTEs. */
    static final String ACKED = "WITH d AS (SELECT * FROM unnest(?::int8[], ?::text[], ?::int4[], ?::timestamptz[], "
            + "?::text[], ?::text[], ?::text[], ?::text[]) AS d(id, hl7, resends, sent_at, ack_code, ack, mrn, event_type)), "
            + "acked AS (UPDATE bridge.outbox o SET status = 'acked', attempts = o.attempts + 1, "
            + "resends = o.resends + d.resends, sent_at = d.sent_at, acked_at = now(), ack_code = d.ack_code, "
            + "event_type = d.event_type FROM d "
            + "WHERE o.id = d.id RETURNING o.id, o.msh10, o.message_type, o.patientco_ids, o.batch_id, o.run_id), "
            + "stored AS (INSERT INTO bridge.message_store (outbox_id, direction, msh10, message_type, patientco_ids, "
            + "mrn, batch_id, ack_code, body, ack_body) SELECT a.id, 'out', a.msh10, a.message_type, a.patientco_ids, "
            + "d.mrn, a.batch_id, d.ack_code, d.hl7, d.ack FROM acked a JOIN d ON d.id = a.id ORDER BY a.id) "
            + "UPDATE bridge.job_run j SET sent = j.sent + r.n, acked = j.acked + r.n FROM (SELECT run_id, count(*) AS n "
            + "FROM acked WHERE run_id IS NOT NULL GROUP BY run_id) r WHERE j.id = r.run_id";

    void retryLater(OutboxRow row, String ackCode, String text, long delayMillis) {
        together(() -> jdbc.update("UPDATE bridge.outbox SET status = 'pending', ack_code = ?, ack_text = ?, "
                + "next_attempt_at = now() + (? * interval '1 millisecond') WHERE id = ?", ackCode, text, delayMillis,
                row.id()));
    }

    /** Dead: the row, and every later row of the same guarantor held behind it. */
    void dead(OutboxRow row, String ackCode, String text, String ack) {
        together(() -> {
            jdbc.update("UPDATE bridge.outbox SET status = 'dead', ack_code = ?, ack_text = ? WHERE id = ?", ackCode,
                    text, row.id());
            jdbc.update("UPDATE bridge.outbox SET status = 'held' WHERE order_key = ? AND id > ? "
                    + "AND status IN ('pending', 'sent', 'needs_linkage')", row.orderKey(), row.id());
            if (ack != null) {
                store(new Stored(row, row.hl7(), ack, ackCode));
            }
        });
    }

    /** A message for the store: what was sent and the ACK that answered it. */
    private record Stored(OutboxRow row, String body, String ack, String ackCode) {
    }

    private void store(Stored m) {
        jdbc.update(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement("INSERT INTO bridge.message_store (outbox_id, "
                    + "direction, msh10, message_type, patientco_ids, batch_id, ack_code, body, ack_body) "
                    + "VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?)");
            ps.setLong(1, m.row().id());
            ps.setString(2, m.row().msh10());
            ps.setString(3, m.row().messageType());
            ps.setArray(4, con.createArrayOf("text", m.row().patientcoIds()));
            ps.setString(5, m.row().batchId());
            ps.setString(6, m.ackCode());
            ps.setString(7, m.body() == null ? "" : m.body());
            ps.setString(8, m.ack());
            return ps;
        });
    }

    /** Rows waiting for an MRN whose patient now has one go back to pending. */
    int releaseLinked() {
        return jdbc.update("UPDATE bridge.outbox o SET status = 'pending', next_attempt_at = now() "
                + "WHERE o.status = 'needs_linkage' AND EXISTS (SELECT 1 FROM bridge.crosswalk c "
                + "WHERE c.kind = 'patient' AND c.patientco_id = o.patient_id)");
    }

    /** Rows still waiting for an MRN after the wait: they become dead, and are returned to be dead-lettered. */
    List<OutboxRow> expireLinkage(java.time.Duration wait) {
        List<OutboxRow> expired = jdbc.query("SELECT * FROM bridge.outbox WHERE status = 'needs_linkage' "
                + "AND created_at < now() - (? * interval '1 second') ORDER BY id", ROW, wait.toSeconds());
        for (OutboxRow row : expired) {
            dead(row, null, "missing linkage past its wait: patient " + row.patientId() + " has no MRN after " + wait,
                    null);
        }
        return expired;
    }

    /** An acknowledged row back to pending with its last stored send as its frozen message. */
    boolean resend(long outboxId) {
        return jdbc.update("UPDATE bridge.outbox o SET status = 'pending', attempts = 0, next_attempt_at = now(), "
                + "hl7 = m.body FROM (SELECT body FROM bridge.message_store WHERE outbox_id = ? AND body IS NOT NULL "
                + "ORDER BY id DESC LIMIT 1) m WHERE o.id = ? AND o.status = 'acked'", outboxId, outboxId) == 1;
    }

    boolean replaceDead(long outboxId, String hl7) {
        return jdbc.update("UPDATE bridge.outbox SET hl7 = ? WHERE id = ? AND status = 'dead'", hl7, outboxId) == 1;
    }

    /** A replayed dead row and the rows held behind it go back to pending. */
    int release(long outboxId) {
        String orderKey = jdbc.queryForObject("SELECT order_key FROM bridge.outbox WHERE id = ?", String.class, outboxId);
        jdbc.update("UPDATE bridge.outbox SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = ?",
                outboxId);
        return jdbc.update("UPDATE bridge.outbox SET status = 'pending', next_attempt_at = now() "
                + "WHERE order_key = ? AND status = 'held' AND NOT EXISTS (SELECT 1 FROM bridge.outbox d "
                + "WHERE d.order_key = ? AND d.status = 'dead')", orderKey, orderKey);
    }

    private static OutboxRow row(ResultSet rs, int i) throws SQLException {
        Array ids = rs.getArray("patientco_ids");
        return new OutboxRow(rs.getLong("id"), rs.getString("event_key"), rs.getString("flow"),
                rs.getString("message_type"), rs.getString("order_key"), ids == null ? new String[0] : (String[]) ids.getArray(),
                rs.getString("patient_id"), rs.getString("batch_id"), rs.getString("msh10"), rs.getString("event_json"),
                rs.getString("hl7"), rs.getString("status"), rs.getInt("attempts"),
                (Long) rs.getObject("run_id"));
    }
}
