package com.patientcobridge.settlement;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Large batches' items in bulk with PostgreSQL COPY, on the connection of the caller's
 * transaction, so the batch and its items still commit together. Values are CSV-quoted; nothing
 * is pasted into SQL.
 */
public class ItemCopy {

    /** From this many items the settlement flow copies instead of sending batched statements. */
    public static final int THRESHOLD = 5_000;
    private static final String[] COLUMNS = {"id", "batchId", "type", "paymentId", "refundId", "chargebackId",
        "accountId", "amount", "occurredAt"};

    private static final int CHUNK_ROWS = 2_000;

    private final DataSource dataSource;

    public ItemCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stages the items; returns how many were new. A batch none of whose items are staged yet (its
     * first read) is copied straight into {@code staging.settlement_item}, under a savepoint; any
     * other, or one whose direct copy meets an item already there, goes through a temporary table
     * and {@code INSERT ... ON CONFLICT DO NOTHING}.
     */
    public long copy(List<Map<String, Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        Connection con = DataSourceUtils.getConnection(dataSource);
        try (Statement st = con.createStatement()) {
            if (firstRead(con, String.valueOf(rows.get(0).get("batchId")))) {
                Savepoint before = con.setSavepoint();
                try {
                    long copied = copyIn(con, "staging.settlement_item", rows);
                    con.releaseSavepoint(before);
                    return copied;
                } catch (SQLException e) {
                    // An item id already staged under another batch: the careful way below.
                    con.rollback(before);
                }
            }
            st.execute("CREATE TEMP TABLE IF NOT EXISTS item_copy (LIKE staging.settlement_item INCLUDING DEFAULTS) "
                    + "ON COMMIT DELETE ROWS");
            copyIn(con, "item_copy", rows);
            long inserted = st.executeUpdate("INSERT INTO staging.settlement_item (id, batch_id, type, payment_id, "
                    + "refund_id, chargeback_id, account_id, amount, occurred_at) SELECT id, batch_id, type, payment_id, "
                    + "refund_id, chargeback_id, account_id, amount, occurred_at FROM item_copy ON CONFLICT (id) DO NOTHING");
            st.execute("TRUNCATE item_copy");
            return inserted;
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    private static boolean firstRead(Connection con, String batchId) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT 1 FROM staging.settlement_item WHERE batch_id = ? LIMIT 1")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        }
    }

    /**
     * Sends the rows as CSV while they are written, a chunk at a time, so that PostgreSQL parses and
     * inserts one chunk while the next is made: on two cores the two halves of the work overlap.
     */
    private static long copyIn(Connection con, String table, List<Map<String, Object>> rows) throws SQLException {
        CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (id, batch_id, type, "
                + "payment_id, refund_id, chargeback_id, account_id, amount, occurred_at) FROM STDIN WITH (FORMAT csv)");
        try {
            StringBuilder csv = new StringBuilder(CHUNK_ROWS * 128);
            for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
                csv.setLength(0);
                for (Map<String, Object> row : rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS))) {
                    appendCsv(csv, row);
                }
                byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void appendCsv(StringBuilder csv, Map<String, Object> row) {
        for (int i = 0; i < COLUMNS.length; i++) {
            Object v = row.get(COLUMNS[i]);
            if (i > 0) {
                csv.append(',');
            }
            if (v != null) {
                csv.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
            }
        }
        csv.append('\n');
    }
}
