package com.patientcobridge.staging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A staging table written a page at a time: one {@code INSERT ... SELECT FROM unnest(...) ON
 * CONFLICT} for all of a page's records, whatever their number, instead of one statement each.
 * Columns are declared with the SQL type of their array and how to take the value from a record.
 *
 * @param <T> the record type staged
 */
public final class StagingTable<T> {

    private record Column<T>(String name, String sqlType, Function<T, Object> value) {
    }

    private final String table;
    private final String key;
    private final List<Column<T>> columns = new ArrayList<>();
    private String onConflict = "DO NOTHING";
    private String sql;

    private StagingTable(String table, String key) {
        this.table = table;
        this.key = key;
    }

    /** A table keyed by {@code key} (its first column). */
    public static <T> StagingTable<T> of(String table, String key) {
        return new StagingTable<>(table, key);
    }

    /** A column of SQL type {@code sqlType} (text, numeric, int, boolean, timestamptz, date, jsonb). */
    public StagingTable<T> column(String name, String sqlType, Function<T, Object> value) {
        columns.add(new Column<>(name, sqlType, value));
        sql = null;
        return this;
    }

    /** What an existing row gets: the {@code DO UPDATE SET ...} clause, with its {@code WHERE} (statuses move forward). */
    public StagingTable<T> onConflict(String doUpdate) {
        this.onConflict = doUpdate;
        sql = null;
        return this;
    }

    /** Upserts the records (the last one wins when an id comes twice); returns how many rows were written. */
    public int upsert(JdbcTemplate jdbc, List<T> records) {
        if (records.isEmpty()) {
            return 0;
        }
        return jdbc.execute((Connection c) -> {
            try (var ps = c.prepareStatement(sql())) {
                for (int i = 0; i < columns.size(); i++) {
                    ps.setArray(i + 1, array(c, columns.get(i), records));
                }
                return ps.executeUpdate();
            }
        });
    }

    private Array array(Connection c, Column<T> column, List<T> records) throws SQLException {
        Object[] values = new Object[records.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.value().apply(records.get(i));
        }
        // jsonb travels as text and is cast in the SELECT: the driver has no jsonb arrays.
        String arrayType = column.sqlType().equals("jsonb") ? "text" : column.sqlType();
        return c.createArrayOf(arrayType, values);
    }

    private synchronized String sql() {
        if (sql == null) {
            StringBuilder names = new StringBuilder();
            StringBuilder casts = new StringBuilder();
            StringBuilder arrays = new StringBuilder();
            StringBuilder aliases = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                Column<T> col = columns.get(i);
                String sep = i == 0 ? "" : ", ";
                names.append(sep).append(col.name());
                casts.append(sep).append("u.").append(col.name()).append(col.sqlType().equals("jsonb") ? "::jsonb" : "");
                arrays.append(sep).append("?::").append(col.sqlType().equals("jsonb") ? "text" : col.sqlType()).append("[]");
                aliases.append(sep).append(col.name());
            }
            sql = "INSERT INTO " + table + " (" + names + ") SELECT DISTINCT ON (u." + key + ") " + casts
                    + " FROM unnest(" + arrays + ") WITH ORDINALITY AS u(" + aliases + ", n) ORDER BY u." + key
                    + ", u.n DESC ON CONFLICT (" + key + ") " + onConflict;
        }
        return sql;
    }
}
