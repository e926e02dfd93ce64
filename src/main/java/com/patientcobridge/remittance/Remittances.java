package com.patientcobridge.remittance;

import com.patientcobridge.hl7.message.Subject;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.Patient;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.system.Json;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The 835s to write: a row per deposited batch ({@code bridge.remittance}), enqueued in the
 * transaction that stages the batch, and the staged batch, items and accounts each file is made of.
 */
public class Remittances {

    /** A batch whose 835 is still to be written, with the number and time its file carries for life. */
    record Pending(String batchId, long control, LocalDateTime createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final boolean enabled;

    public Remittances(JdbcTemplate jdbc, boolean enabled) {
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    /** In the staging transaction: the deposited batch gets its 835, once however often it is read. */
    public void enqueue(Settlement batch) {
        if (!enabled || !"deposited".equals(batch.status())) {
            return;
        }
        jdbc.update("INSERT INTO bridge.remittance (batch_id, facility_id, net_amount) VALUES (?, ?, ?) "
                + "ON CONFLICT (batch_id) DO NOTHING", batch.id(), batch.facilityId(), batch.netAmount());
    }

    List<Pending> pending(int limit) {
        return jdbc.query("SELECT batch_id, control_number, created_at FROM bridge.remittance WHERE status = 'pending' "
                + "ORDER BY control_number LIMIT ?", (rs, i) -> new Pending(rs.getString(1), rs.getLong(2),
                rs.getTimestamp(3).toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime()), limit);
    }

    Pending one(String batchId) {
        return jdbc.query("SELECT batch_id, control_number, created_at FROM bridge.remittance WHERE batch_id = ?",
                (rs, i) -> new Pending(rs.getString(1), rs.getLong(2),
                        rs.getTimestamp(3).toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime()), batchId)
                .stream().findFirst().orElse(null);
    }

    /** The staged batch, its items in the order they happened, and the parties of its accounts. */
    Deposit deposit(String batchId) {
        Settlement batch = jdbc.queryForObject("SELECT * FROM staging.settlement_batch WHERE id = ?", (rs, i) ->
                new Settlement(rs.getString("id"), rs.getString("merchant_id"), rs.getString("facility_id"),
                        instant(rs.getTimestamp("cutoff_at")), rs.getDate("deposit_date").toLocalDate(),
                        rs.getString("status"), rs.getString("currency"), rs.getBigDecimal("gross_amount"),
                        rs.getBigDecimal("refund_amount"), rs.getBigDecimal("chargeback_amount"),
                        rs.getBigDecimal("fee_amount"), rs.getBigDecimal("net_amount"), rs.getInt("item_count"),
                        instant(rs.getTimestamp("updated_at"))), batchId);
        List<SettlementItem> items = jdbc.query("SELECT * FROM staging.settlement_item WHERE batch_id = ? "
                + "ORDER BY occurred_at, id", (rs, i) -> new SettlementItem(rs.getString("id"), rs.getString("type"),
                rs.getString("payment_id"), rs.getString("refund_id"), rs.getString("chargeback_id"),
                rs.getString("account_id"), rs.getBigDecimal("amount"), instant(rs.getTimestamp("occurred_at"))), batchId);
        Set<String> accounts = new LinkedHashSet<>();
        items.forEach(i -> {
            if (i.accountId() != null) {
                accounts.add(i.accountId());
            }
        });
        Map<String, Deposit.Party> parties = new HashMap<>();
        if (!accounts.isEmpty()) {
            jdbc.query(con -> {
                java.sql.PreparedStatement ps = con.prepareStatement(
                        "SELECT id, record::text FROM staging.account WHERE id = ANY (?)");
                ps.setArray(1, con.createArrayOf("text", accounts.toArray()));
                return ps;
            }, rs -> {
                parties.put(rs.getString(1), party(rs.getString(2)));
            });
        }
        return new Deposit(batch, items, parties);
    }

    private static Deposit.Party party(String json) {
        try {
            Account account = Json.MAPPER.readValue(json, Account.class);
            Patient patient = Subject.of(account).patient();
            return new Deposit.Party(account.ehrAccountNumber(), patient == null ? null : patient.lastName(),
                    patient == null ? null : patient.firstName());
        } catch (IOException e) {
            return null;
        }
    }

    void delivered(String batchId, String fileName, String sha256) {
        jdbc.update("UPDATE bridge.remittance SET status = 'delivered', file_name = ?, sha256 = ?, reason = NULL, "
                + "delivered_at = now() WHERE batch_id = ?", fileName, sha256, batchId);
    }

    void refused(String batchId, String reason) {
        jdbc.update("UPDATE bridge.remittance SET status = 'refused', reason = ? WHERE batch_id = ?", reason, batchId);
    }

    /** A refused 835 made again, on a person's replay. */
    void retry(String batchId) {
        jdbc.update("UPDATE bridge.remittance SET status = 'pending' WHERE batch_id = ? AND status = 'refused'", batchId);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
