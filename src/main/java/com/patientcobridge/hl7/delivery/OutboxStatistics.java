package com.patientcobridge.hl7.delivery;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps PostgreSQL's statistics of {@code bridge.outbox} as current as the rows in it. A lane's
 * read ({@link OutboxRows#next}) is planned from them, and the outbox changes faster than
 * autovacuum looks: a nightly run adds 100,000 unsent rows to a table whose statistics say nothing
 * is unsent (autovacuum analyses a 1,000,000-row table after 100,000 changes), and the read then
 * scans every unsent row once for each row it returns, seconds a read. So after every
 * {@link #EVERY} rows added or acknowledged the table is analysed (see {@link #analyse}), on a
 * thread of its own, one analysis at a time. (The read's order does not depend on this: the queue
 * index of V54 gives it whatever the statistics say.)
 */
public class OutboxStatistics implements AutoCloseable {

    /** Rows added or acknowledged between two analyses. */
    public static final int EVERY = 10_000;

    private static final String COLUMNS = "id, lane, status, next_attempt_at, created_at, order_key, run_id, payment_id, "
            + "patient_id";
    private static final int SAMPLE_TARGET = 20;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxStatistics.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong changed = new AtomicLong();
    private final AtomicBoolean analysing = new AtomicBoolean();
    private final AtomicLong analyses = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-statistics");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean warned;

    public OutboxStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts rows committed as added or acknowledged; analyses the table once enough have changed. */
    void changed(int rows) {
        if (changed.addAndGet(rows) < EVERY || !analysing.compareAndSet(false, true)) {
            return;
        }
        changed.set(0);
        worker.execute(() -> {
            try {
                analyse();
                analyses.incrementAndGet();
            } catch (DataAccessException e) {
                // Only the table's owner may analyse it; autovacuum still will, later.
                if (!warned) {
                    warned = true;
                    LOG.warn("Could not refresh the statistics of bridge.outbox ({}); lanes' reads may slow down while "
                            + "large runs fill it", e.getMostSpecificCause().getMessage());
                }
            } finally {
                analysing.set(false);
            }
        });
    }

    /**
     * The columns queries filter, join and order on, from a sample of 6,000 rows (statistics target
     * 20): 60-90 ms at 120,000 rows, against 0.7 s for the whole table at the default 30,000 rows.
     * The planner needs the share of unsent rows and the spread of guarantors, which a sample of
     * that size gives to a percent.
     */
    private void analyse() {
        jdbc.execute((ConnectionCallback<Void>) c -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL default_statistics_target = " + SAMPLE_TARGET);
                s.execute("ANALYZE bridge.outbox (" + COLUMNS + ")");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    /** How many analyses have completed. */
    long analyses() {
        return analyses.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
