package com.patientcobridge.schedule;

import com.patientcobridge.patientco.RunLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's cluster-wide lock, so a job never overlaps itself on any node: a PostgreSQL session
 * advisory lock held on a connection of its own for the whole run. A node that dies loses its
 * connection, and the database lets the lock go with it.
 */
public final class JobLock implements RunLocks.Held {

    private static final Logger LOG = LoggerFactory.getLogger(JobLock.class);
    /** First key of the two-key lock space, so job locks never meet the outbox's or the ledger's. */
    private static final int JOBS = 0x4a4f4253;

    private final Connection connection;
    private final String job;

    private JobLock(Connection connection, String job) {
        this.connection = connection;
        this.job = job;
    }

    /** The locks of every job, on this database. */
    public static RunLocks locks(DataSource dataSource) {
        return job -> tryTake(dataSource, job).map(RunLocks.Held.class::cast);
    }

    /** The lock, or empty when another run of the job (on any node) holds it. */
    public static Optional<JobLock> tryTake(DataSource dataSource, String job) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, JOBS);
                ps.setString(2, job);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new JobLock(c, job));
                    }
                }
            }
            c.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("Cannot take the lock of job " + job + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, JOBS);
            ps.setString(2, job);
            ps.execute();
            connection.close();
        } catch (SQLException e) {
            // A pooled connection must not go back still holding the lock: drop it instead.
            LOG.warn("Releasing the lock of job {} failed ({}); dropping its connection", job, e.getMessage());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Already broken; the pool replaces it.
            }
        }
    }
}
