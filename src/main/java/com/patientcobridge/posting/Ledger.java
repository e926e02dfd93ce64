package com.patientcobridge.posting;

import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.system.Json;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@code bridge.payment_ledger} (what the bridge has posted for each payment) and
 * {@code bridge.payment_transition} (each transition taken, once per event key).
 */
class Ledger {

    /** One payment as posted; amounts are what the EHR has been given, not what Patientco says. */
    record Entry(String paymentId, String accountId, String guarantorId, BigDecimal amount, String status,
            boolean posted, boolean reversed, BigDecimal refundsPosted, BigDecimal postedAmount,
            BigDecimal reversedAmount, BigDecimal chargebackAmount, String chargebackStatus, Payment record) {

        static Entry first(Payment p, String guarantorId) {
            return new Entry(p.id(), p.accountId(), guarantorId, p.amount(), p.status(), false, false, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, p);
        }

        /** What is still posted of the payment: a refund or chargeback can reverse no more than this. */
        BigDecimal net() {
            return postedAmount.subtract(reversedAmount).subtract(refundsPosted).subtract(chargebackAmount);
        }

        Entry seen(Payment p) {
            return new Entry(paymentId, accountId, guarantorId, amount, p.status(), posted, reversed, refundsPosted,
                    postedAmount, reversedAmount, chargebackAmount, chargebackStatus, p);
        }

        Entry paymentPosted(BigDecimal a) {
            return new Entry(paymentId, accountId, guarantorId, amount, status, true, reversed, refundsPosted,
                    postedAmount.add(a), reversedAmount, chargebackAmount, chargebackStatus, record);
        }

        /** Voided or failed: nothing more can happen to it; {@code a} is the reversal posted, if any. */
        Entry closed(BigDecimal a) {
            return new Entry(paymentId, accountId, guarantorId, amount, status, posted, true, refundsPosted, postedAmount,
                    reversedAmount.add(a), chargebackAmount, chargebackStatus, record);
        }

        Entry refunded(BigDecimal a) {
            return new Entry(paymentId, accountId, guarantorId, amount, status, posted, reversed, refundsPosted.add(a),
                    postedAmount, reversedAmount, chargebackAmount, chargebackStatus, record);
        }

        Entry chargeback(String cbStatus, BigDecimal change) {
            return new Entry(paymentId, accountId, guarantorId, amount, status, posted, reversed, refundsPosted,
                    postedAmount, reversedAmount, chargebackAmount.add(change), cbStatus, record);
        }
    }

    private static final RowMapper<Entry> MAPPER = (rs, i) -> new Entry(rs.getString("payment_id"),
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
     * Serialises every event of one payment (payment, refund and chargeback flows, webhook and
     * poll) until this transaction ends, also while the payment has no ledger row yet.
     */
    void lock(String paymentId) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> null, "payment:" + paymentId);
    }

    Entry find(String paymentId) {
        List<Entry> e = jdbc.query("SELECT * FROM bridge.payment_ledger WHERE payment_id = ?", MAPPER, paymentId);
        return e.isEmpty() ? null : e.get(0);
    }

    void save(Entry e) {
        jdbc.update("INSERT INTO bridge.payment_ledger (payment_id, account_id, guarantor_id, amount, status, posted, "
                + "reversed, refunds_posted, posted_amount, reversed_amount, chargeback_amount, chargeback_status, record) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,CAST(? AS jsonb)) ON CONFLICT (payment_id) DO UPDATE SET "
                + "status = EXCLUDED.status, posted = EXCLUDED.posted, reversed = EXCLUDED.reversed, "
                + "refunds_posted = EXCLUDED.refunds_posted, posted_amount = EXCLUDED.posted_amount, "
                + "reversed_amount = EXCLUDED.reversed_amount, chargeback_amount = EXCLUDED.chargeback_amount, "
                + "chargeback_status = EXCLUDED.chargeback_status, record = EXCLUDED.record, updated_at = now()",
                e.paymentId(), e.accountId(), e.guarantorId(), e.amount(), e.status(), e.posted(), e.reversed(),
                e.refundsPosted(), e.postedAmount(), e.reversedAmount(), e.chargebackAmount(), e.chargebackStatus(),
                e.record() == null ? null : Json.write(e.record()));
    }

    boolean done(String eventKey) {
        return !jdbc.queryForList("SELECT 1 FROM bridge.payment_transition WHERE event_key = ?", Integer.class, eventKey)
                .isEmpty();
    }

    /** Records a transition; false if that event key was already taken (a re-read, a webhook and a poll). */
    boolean take(FinancialEvent event, String paymentId, boolean enqueued) {
        return jdbc.update("INSERT INTO bridge.payment_transition (event_key, payment_id, kind, source_id, amount, "
                + "enqueued) VALUES (?,?,?,?,?,?) ON CONFLICT (event_key) DO NOTHING", event.eventKey(), paymentId,
                event.kind().name(), event.sourceId(), event.amount(), enqueued) == 1;
    }
}
