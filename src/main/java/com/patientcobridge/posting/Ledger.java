package com.patientcobridge.posting;

import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.model.Payment;
import com.patientcobridge.system.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@code bridge.payment_ledger} (what the bridge has posted for each payment) and
 * {@code bridge.payment_transition} (each transition taken, once per event key), read and written a
 * page at a time in the page's transaction.
 */
class Ledger {

    /** A transition taken: the event key, the payment, what it posts, and whether it went to the outbox. */
    record Transition(String eventKey, String paymentId, FinancialEvent.Kind kind, String sourceId,
            java.math.BigDecimal amount, boolean enqueued) {
    }

    private static final RowMapper<LedgerEntry> MAPPER = (rs, i) -> new LedgerEntry(rs.getString("payment_id"),
            rs.getString("account_id"), rs.getString("guarantor_id"), rs.getBigDecimal("amount"), rs.getString("status"),
            rs.getBoolean("posted"), rs.getBoolean("reversed"), rs.getBigDecimal("refunds_posted"),
            rs.getBigDecimal("posted_amount"), rs.getBigDecimal("reversed_amount"), rs.getBigDecimal("chargeback_amount"),
            rs.getString("chargeback_status"),
            rs.getString("record") == null ? null : Json.read(rs.getString("record"), Payment.class));

    private final JdbcTemplate jdbc;

    Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises every event of these payments (payment, refund and chargeback flows, webhook and
     * poll, on any node) until the page's transaction ends; taken in id order, so two pages never
     * wait on each other.
     */
    void lock(Collection<String> paymentIds) {
        if (paymentIds.isEmpty()) {
            return;
        }
        String[] sorted = new TreeSet<>(paymentIds).toArray(String[]::new);
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext('payment:' || id)) FROM unnest(?::text[]) AS id",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", sorted)), rs -> { });
    }

    Map<String, LedgerEntry> load(Collection<String> paymentIds) {
        Map<String, LedgerEntry> entries = new HashMap<>();
        if (!paymentIds.isEmpty()) {
            jdbc.query("SELECT * FROM bridge.payment_ledger WHERE payment_id = ANY (?::text[])",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", paymentIds.toArray())),
                    rs -> {
                        LedgerEntry e = MAPPER.mapRow(rs, 0);
                        entries.put(e.paymentId(), e);
                    });
        }
        return entries;
    }

    /** The event keys already taken for these payments. */
    Set<String> taken(Collection<String> paymentIds) {
        Set<String> keys = new HashSet<>();
        if (!paymentIds.isEmpty()) {
            jdbc.query("SELECT event_key FROM bridge.payment_transition WHERE payment_id = ANY (?::text[])",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", paymentIds.toArray())),
                    rs -> {
                        keys.add(rs.getString(1));
                    });
        }
        return keys;
    }

    void saveAll(Collection<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<LedgerEntry> list = new ArrayList<>(entries);
        int n = list.size();
        Object[][] c = new Object[13][n];
        for (int i = 0; i < n; i++) {
            LedgerEntry e = list.get(i);
            Object[] row = {e.paymentId(), e.accountId(), e.guarantorId(), e.amount(), e.status(), e.posted(),
                e.reversed(), e.refundsPosted(), e.postedAmount(), e.reversedAmount(), e.chargebackAmount(),
                e.chargebackStatus(), e.record() == null ? null : Json.write(e.record())};
            for (int k = 0; k < row.length; k++) {
                c[k][i] = row[k];
            }
        }
        String[] types = {"text", "text", "text", "numeric", "text", "bool", "bool", "numeric", "numeric", "numeric",
            "numeric", "text", "text"};
        execute("INSERT INTO bridge.payment_ledger (payment_id, account_id, guarantor_id, amount, status, posted, "
                + "reversed, refunds_posted, posted_amount, reversed_amount, chargeback_amount, chargeback_status, record) "
                + "SELECT u.payment_id, u.account_id, u.guarantor_id, u.amount, u.status, u.posted, u.reversed, "
                + "u.refunds_posted, u.posted_amount, u.reversed_amount, u.chargeback_amount, u.chargeback_status, "
                + "u.record::jsonb FROM unnest(?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::bool[], "
                + "?::bool[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?::text[]) AS u("
                + "payment_id, account_id, guarantor_id, amount, status, posted, reversed, refunds_posted, posted_amount, "
                + "reversed_amount, chargeback_amount, chargeback_status, record) ON CONFLICT (payment_id) DO UPDATE SET "
                + "status = EXCLUDED.status, posted = EXCLUDED.posted, reversed = EXCLUDED.reversed, "
                + "refunds_posted = EXCLUDED.refunds_posted, posted_amount = EXCLUDED.posted_amount, "
                + "reversed_amount = EXCLUDED.reversed_amount, chargeback_amount = EXCLUDED.chargeback_amount, "
                + "chargeback_status = EXCLUDED.chargeback_status, record = EXCLUDED.record, updated_at = now()",
                c, types);
    }

    void takeAll(List<Transition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        int n = transitions.size();
        Object[][] c = new Object[6][n];
        for (int i = 0; i < n; i++) {
            Transition t = transitions.get(i);
            c[0][i] = t.eventKey();
            c[1][i] = t.paymentId();
            c[2][i] = t.kind().name();
            c[3][i] = t.sourceId();
            c[4][i] = t.amount();
            c[5][i] = t.enqueued();
        }
        execute("INSERT INTO bridge.payment_transition (event_key, payment_id, kind, source_id, amount, enqueued) "
                + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::bool[]) "
                + "ON CONFLICT (event_key) DO NOTHING", c, new String[] {"text", "text", "text", "text", "numeric",
                    "bool"});
    }

    private void execute(String sql, Object[][] columns, String[] types) {
        jdbc.execute((Connection conn) -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < columns.length; i++) {
                    ps.setArray(i + 1, conn.createArrayOf(types[i], columns[i]));
                }
                return ps.executeUpdate();
            }
        });
    }
}
