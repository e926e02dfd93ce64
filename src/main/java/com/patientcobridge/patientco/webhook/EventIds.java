package com.patientcobridge.patientco.webhook;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/** Camel's JDBC idempotent repository on {@code bridge.camel_messageprocessed} (created by V1, never by Camel). */
public final class EventIds {

    private static final String TABLE = "bridge.camel_messageprocessed";

    private EventIds() {
    }

    public static JdbcMessageIdRepository repository(DataSource dataSource, String processorName) {
        JdbcMessageIdRepository repo = new JdbcMessageIdRepository(dataSource, processorName);
        repo.setCreateTableIfNotExists(false);
        repo.setTableName(TABLE);
        repo.setQueryString("SELECT COUNT(*) FROM " + TABLE + " WHERE processorname = ? AND messageid = ?");
        repo.setInsertString("INSERT INTO " + TABLE + " (processorname, messageid, createdat) VALUES (?, ?, ?)");
        repo.setDeleteString("DELETE FROM " + TABLE + " WHERE processorname = ? AND messageid = ?");
        repo.setClearString("DELETE FROM " + TABLE + " WHERE processorname = ?");
        return repo;
    }
}
