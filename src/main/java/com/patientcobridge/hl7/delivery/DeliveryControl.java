package com.patientcobridge.hl7.delivery;

import com.patientcobridge.schedule.SendWindow;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivery paused or running per EHR connection ({@code bridge.delivery_control}), set by an
 * operator for the EHR's maintenance: while paused the lanes send nothing and the outbox fills;
 * nothing is lost. Every node's lanes read the flag, at most once a second.
 */
public class DeliveryControl {

    /** The bridge's one EHR connection, as the console names it. */
    public static final String EHR = "ehr";
    private static final long READ_EVERY_NANOS = 1_000_000_000L;

    private final JdbcTemplate jdbc;
    private final Runnable nudge;
    private volatile boolean paused;
    private volatile long readAt = Long.MIN_VALUE;

    /** {@code nudge} wakes the lanes when delivery resumes. */
    public DeliveryControl(JdbcTemplate jdbc, Runnable nudge) {
        this.jdbc = jdbc;
        this.nudge = nudge;
    }

    /** A connection's state: paused or not, since when, by whom, why. */
    public record State(String connection, boolean paused, Instant since, String by, String reason) {
    }

    public State state() {
        List<State> states = jdbc.query("SELECT connection, paused, changed_at, changed_by, reason FROM "
                + "bridge.delivery_control WHERE connection = ?", (rs, i) -> new State(rs.getString(1),
                        rs.getBoolean(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)), EHR);
        return states.isEmpty() ? new State(EHR, false, null, null, null) : states.get(0);
    }

    public State pause(String by, String reason) {
        set(true, by, reason);
        return state();
    }

    public State resume(String by) {
        set(false, by, null);
        nudge.run();
        return state();
    }

    private void set(boolean pause, String by, String reason) {
        jdbc.update("INSERT INTO bridge.delivery_control (connection, paused, changed_at, changed_by, reason) "
                + "VALUES (?, ?, now(), ?, ?) ON CONFLICT (connection) DO UPDATE SET paused = excluded.paused, "
                + "changed_at = excluded.changed_at, changed_by = excluded.changed_by, reason = excluded.reason",
                EHR, pause, by, reason);
        paused = pause;
        readAt = System.nanoTime();
    }

    /** Whether the lanes may send: the flag as read at most a second ago. */
    public boolean sending() {
        long now = System.nanoTime();
        if (now - readAt >= READ_EVERY_NANOS) {
            readAt = now;
            try {
                Boolean p = jdbc.query("SELECT paused FROM bridge.delivery_control WHERE connection = ?",
                        rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, EHR);
                paused = Boolean.TRUE.equals(p);
            } catch (DataAccessException e) {
                // The database is away: the lanes keep the last state they read; their own writes will wait for it.
            }
        }
        return !paused;
    }

    /** The send window the lanes obey: the blackout windows (if any), and not paused. */
    public SendWindow and(SendWindow blackouts) {
        return now -> sending() && (blackouts == null || blackouts.open(now));
    }
}
