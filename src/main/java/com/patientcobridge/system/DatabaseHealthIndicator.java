package com.patientcobridge.system;

import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The bridge's database for {@code /actuator/health} ("db"): UP when a connection answers within
 * the deadline, DOWN otherwise, so a lost database shows within seconds, not after the pool's
 * connection timeout.
 */
public final class DatabaseHealthIndicator implements HealthIndicator {

    private final DataSource dataSource;
    private final Duration deadline;

    public DatabaseHealthIndicator(DataSource dataSource, Duration deadline) {
        this.dataSource = dataSource;
        this.deadline = deadline;
    }

    @Override
    public Health health() {
        boolean valid = Deadline.within(deadline, () -> {
            try (Connection c = dataSource.getConnection()) {
                return c.isValid((int) Math.max(1, deadline.toSeconds()));
            }
        }).orElse(false);
        return valid ? Health.up().withDetail("database", "PostgreSQL").build()
                : Health.down().withDetail("error", "PostgreSQL did not answer within " + deadline.toSeconds() + " s")
                        .build();
    }
}
