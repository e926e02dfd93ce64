package com.patientcobridge.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The bridge's transaction manager: its transactions (one per record, dead letters, outbox
 * deliveries) commit without waiting for the WAL flush ({@code synchronous_commit = off}), which
 * took most of a record's time. Nothing is lost by it: PostgreSQL writes the WAL in order, and
 * the step that makes work final, the watermark moving past the records of a page, is a plain
 * statement committed synchronously, so when it is durable everything committed before it is too.
 * After a crash the bridge re-reads from the durable watermark; what it finds done it skips, and
 * an outbox delivery whose record was lost is sent again with the same MSH-10, which the EHR drops.
 */
public class AsyncCommitTransactionManager extends JdbcTransactionManager {

    public AsyncCommitTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL synchronous_commit TO OFF");
        }
    }
}
