package com.patientcobridge.staging;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Large batches' items in bulk: PostgreSQL COPY into a temporary table, then one INSERT ...
 * ON CONFLICT DO NOTHING, on the connection of the caller's transaction, so the batch and its
 * items still commit together. Values are CSV-quoted; nothing is pasted into SQL.
 */
public class ItemCopy {

    /** From this many items the settlement flow copies instead of sending batched statements. */
    public static final int THRESHOLD = 5_000;
    private static final String[] COLUMNS = {"id", "batchId", "type", "paymentId", "refundId", "chargebackId",
        "accountId", "amount", "occurredAt"};

    private final DataSource dataSource;

    public ItemCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long copy(List<Map<String, Object>> rows) throws SQLException, IOException {
        Connection con = DataSourceUtils.getConnection(dataSource);
        try (Statement st = con.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS item_copy (LIKE staging.settlement_item INCLUDING DEFAULTS) "
                    + "ON COMMIT DELETE ROWS");
            StringBuilder csv = new StringBuilder(rows.size() * 100);
            for (Map<String, Object> row : rows) {
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
            con.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY item_copy (id, batch_id, type, payment_id, "
                    + "refund_id, chargeback_id, account_id, amount, occurred_at) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(csv.toString()));
            long inserted = st.executeUpdate("INSERT INTO staging.settlement_item (id, batch_id, type, payment_id, "
                    + "refund_id, chargeback_id, account_id, amount, occurred_at) SELECT id, batch_id, type, payment_id, "
                    + "refund_id, chargeback_id, account_id, amount, occurred_at FROM item_copy ON CONFLICT (id) DO NOTHING");
            st.execute("TRUNCATE item_copy");
            return inserted;
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }
}
