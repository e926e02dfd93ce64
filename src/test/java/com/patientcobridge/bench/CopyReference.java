package com.patientcobridge.bench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** The reference for staging: PostgreSQL COPY of settlement-item-shaped rows into a scratch table of the same database. */
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
            st.execute("CREATE TEMP TABLE bench_copy (id text PRIMARY KEY, batch_id text, type text, payment_id text, "
                    + "refund_id text, chargeback_id text, account_id text, amount numeric(12,2), occurred_at timestamptz)");
            long start = System.nanoTime();
            con.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy FROM STDIN WITH (FORMAT csv)",
                    new StringReader(csv.toString()));
            double rate = rows / ((System.nanoTime() - start) / 1e9);
            st.execute("DROP TABLE bench_copy");
            return rate;
        }
    }
}
