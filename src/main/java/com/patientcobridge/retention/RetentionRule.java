package com.patientcobridge.retention;

/**
 * One thing retention removes: what it is called, how many rows are past the cutoff, and one
 * batch's statement (the cutoff its first parameter, the batch size its second), which removes at
 * most a batch and returns how many it removed.
 */
record RetentionRule(String name, String count, String batch) {

    /** Rows whose {@code column} is older than the cutoff, removed by {@code key} in batches. */
    static RetentionRule delete(String name, String table, String key, String column, String extra) {
        String where = column + " < ?" + (extra == null ? "" : " AND " + extra);
        return new RetentionRule(name, "SELECT count(*) FROM " + table + " WHERE " + where,
                "DELETE FROM " + table + " WHERE " + key + " = ANY (ARRAY(SELECT " + key + " FROM " + table + " WHERE "
                        + where + " LIMIT ?))");
    }

    /** Rows kept, with columns blanked ({@code set}) and marked pruned, in batches. */
    static RetentionRule blank(String name, String table, String column, String set, String extra) {
        String where = column + " < ? AND body_pruned_at IS NULL" + (extra == null ? "" : " AND " + extra);
        return new RetentionRule(name, "SELECT count(*) FROM " + table + " WHERE " + where,
                "UPDATE " + table + " SET " + set + ", body_pruned_at = now() WHERE id = ANY (ARRAY(SELECT id FROM "
                        + table + " WHERE " + where + " LIMIT ?))");
    }
}
