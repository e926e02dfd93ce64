package com.patientcobridge.patientco.inbound;

import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bridge.inbound_payment}: every payment the hospital's files asked for, by business
 * identity, with each attempt's Idempotency-Key. Patientco keeps keys for 24 hours; this table keeps
 * them for good, so a payment re-sent in any file on any day is charged once.
 */
class InboundLedger {

    /** The last attempt at a payment identity. */
    record Attempt(String identity, int attempt, String key, String status, String accountId, BigDecimal amount,
            String token, String paymentId, String receipt, String fileName, java.sql.Timestamp at) {
    }

    private final JdbcTemplate jdbc;

    InboundLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The hash of an identity, as stored (the reference itself is kept in its own column). */
    static String hash(String identity) {
        return DigestUtils.sha256Hex(identity);
    }

    /** The Idempotency-Key of an attempt: one identity, one key per attempt after a refusal. */
    static String key(String identityHash, int attempt) {
        return "inb-" + identityHash.substring(0, 40) + "-" + attempt;
    }

    Attempt last(String identityHash) {
        List<Attempt> found = jdbc.query("SELECT * FROM bridge.inbound_payment WHERE identity = ? ORDER BY attempt DESC "
                + "LIMIT 1", (rs, i) -> new Attempt(rs.getString("identity"), rs.getInt("attempt"),
                        rs.getString("idempotency_key"), rs.getString("status"), rs.getString("account_id"),
                        rs.getBigDecimal("amount"), rs.getString("token"), rs.getString("payment_id"),
                        rs.getString("receipt_number"), rs.getString("file_name"), rs.getTimestamp("updated_at")),
                identityHash);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Claims an attempt before Patientco is called; false when another file claimed it first. */
    boolean claim(String identityHash, int attempt, PaymentRequest r, String file) {
        return jdbc.update("INSERT INTO bridge.inbound_payment (idempotency_key, identity, attempt, reference, account_id, "
                + "amount, token, file_name, line_no, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending') "
                + "ON CONFLICT DO NOTHING", key(identityHash, attempt), identityHash, attempt, r.reference(), r.account(),
                new BigDecimal(r.amount()), r.token(), file, r.line()) == 1;
    }

    void paid(String key, String paymentId, String receipt) {
        jdbc.update("UPDATE bridge.inbound_payment SET status = 'paid', payment_id = ?, receipt_number = ?, error = NULL, "
                + "updated_at = now() WHERE idempotency_key = ?", paymentId, receipt, key);
    }

    void refused(String key, String error) {
        jdbc.update("UPDATE bridge.inbound_payment SET status = 'failed', error = ?, updated_at = now() "
                + "WHERE idempotency_key = ?", error, key);
    }
}
