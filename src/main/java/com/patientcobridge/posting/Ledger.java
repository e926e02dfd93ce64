package com.patientcobridge.posting;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code bridge.payment_ledger}: what the bridge has posted for each payment. */
class Ledger {

    /** One payment as posted. */
    record Entry(String paymentId, String accountId, String guarantorId, BigDecimal amount, String status,
            boolean posted, boolean reversed, BigDecimal refundsPosted) {
    }

    private final JdbcTemplate jdbc;

    Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The entry, locked for this transaction so two events of one payment never interleave. */
    Entry find(String paymentId) {
        List<Entry> e = jdbc.query("SELECT * FROM bridge.payment_ledger WHERE payment_id = ? FOR UPDATE",
                (rs, i) -> new Entry(rs.getString("payment_id"), rs.getString("account_id"), rs.getString("guarantor_id"),
                        rs.getBigDecimal("amount"), rs.getString("status"), rs.getBoolean("posted"),
                        rs.getBoolean("reversed"), rs.getBigDecimal("refunds_posted")), paymentId);
        return e.isEmpty() ? null : e.get(0);
    }

    void save(Entry e) {
        jdbc.update("INSERT INTO bridge.payment_ledger (payment_id, account_id, guarantor_id, amount, status, posted, "
                + "reversed, refunds_posted) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (payment_id) DO UPDATE SET "
                + "status = EXCLUDED.status, posted = EXCLUDED.posted, reversed = EXCLUDED.reversed, "
                + "refunds_posted = EXCLUDED.refunds_posted, updated_at = now()", e.paymentId(), e.accountId(),
                e.guarantorId(), e.amount(), e.status(), e.posted(), e.reversed(), e.refundsPosted());
    }
}
