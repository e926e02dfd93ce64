package com.patientcobridge.bench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The reference for staging: PostgreSQL COPY of the same rows into a table made like
 * staging.settlement_item (same columns, keys and indexes, logged), in the same database.
 */
final class CopyReference {

    private CopyReference() {
    }

    /** Copies {@code rows} rows and returns rows per second. */
    static double rowsPerSecond(DataSource dataSource, int rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows * 96);
        for (int i = 0; i < rows; i++) {
            csv.append("sti_bench").append(i).append(",stl_bench,sale,pay_").append(i).append(",,,acc_").append(i % 5000)
                    .append(',').append(BigDecimal.valueOf(1000 + i % 50000, 2)).append(",2026-11-23T21:00:00Z\n");
        }
        try (Connection con = dataSource.getConnection(); Statement st = con.createStatement()) {
            st.execute("CREATE TABLE staging.bench_copy (LIKE staging.settlement_item INCLUDING ALL)");
            long start = System.nanoTime();
            con.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY staging.bench_copy (id, batch_id, type, payment_id, "
                    + "refund_id, chargeback_id, account_id, amount, occurred_at) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(csv.toString()));
            double rate = rows / ((System.nanoTime() - start) / 1e9);
            st.execute("DROP TABLE staging.bench_copy");
            return rate;
        }
    }
}
