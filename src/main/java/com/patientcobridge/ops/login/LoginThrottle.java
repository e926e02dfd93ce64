package com.patientcobridge.ops.login;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Failed logins, per user and per address ({@code bridge.login_failure}, so every node sees them):
 * after {@code freeFailures} each further failure shuts the door for twice as long as the last
 * (slowed), and at {@code lockoutFailures} for the lockout; a good login clears both.
 */
public class LoginThrottle {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int freeFailures;
    private final int lockoutFailures;
    private final Duration firstDelay;
    private final Duration lockout;

    public LoginThrottle(JdbcTemplate jdbc, Clock clock, int freeFailures, int lockoutFailures, Duration firstDelay,
            Duration lockout) {
        if (freeFailures < 1 || lockoutFailures <= freeFailures) {
            throw new IllegalArgumentException("bridge.ops.login: lockout-failures must be above free-failures >= 1");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.lockoutFailures = lockoutFailures;
        this.firstDelay = firstDelay;
        this.lockout = lockout;
    }

    /** Until when a login by this user or from this address is refused, or null when it may try now. */
    public Instant closedUntil(String username, String address) {
        List<Timestamp> until = jdbc.queryForList("SELECT max(locked_until) FROM bridge.login_failure "
                + "WHERE key IN (?, ?) AND locked_until > ?", Timestamp.class, user(username), address(address),
                Timestamp.from(clock.instant()));
        return until.isEmpty() || until.get(0) == null ? null : until.get(0).toInstant();
    }

    public void failed(String username, String address) {
        for (String key : List.of(user(username), address(address))) {
            int failures = jdbc.queryForObject("INSERT INTO bridge.login_failure (key, failures, last_failure) "
                    + "VALUES (?, 1, ?) ON CONFLICT (key) DO UPDATE SET failures = bridge.login_failure.failures + 1, "
                    + "last_failure = excluded.last_failure RETURNING failures", Integer.class, key,
                    Timestamp.from(clock.instant()));
            Duration wait = wait(failures);
            if (!wait.isZero()) {
                jdbc.update("UPDATE bridge.login_failure SET locked_until = ? WHERE key = ?",
                        Timestamp.from(clock.instant().plus(wait)), key);
            }
        }
    }

    public void succeeded(String username, String address) {
        jdbc.update("DELETE FROM bridge.login_failure WHERE key IN (?, ?)", user(username), address(address));
    }

    /** How long the door shuts after the n-th failure in a row. */
    Duration wait(int failures) {
        if (failures >= lockoutFailures) {
            return lockout;
        }
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        Duration d = firstDelay.multipliedBy(1L << Math.min(20, failures - freeFailures - 1));
        return d.compareTo(lockout) > 0 ? lockout : d;
    }

    private static String user(String username) {
        return "user:" + (username == null ? "" : username.toLowerCase(java.util.Locale.ROOT));
    }

    private static String address(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
