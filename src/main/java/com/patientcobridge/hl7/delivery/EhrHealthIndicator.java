package com.patientcobridge.hl7.delivery;

import com.patientcobridge.system.Deadline;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The EHR connection, for {@code /actuator/health}: DOWN when its MLLP listener does not accept a
 * connection; with the number of messages not yet acknowledged and the age of the oldest, which
 * tells "the EHR is slow" from "the EHR is gone".
 */
final class EhrHealthIndicator extends AbstractHealthIndicator {

    private final DeliveryConfig.EhrTarget target;
    private final JdbcTemplate jdbc;

    EhrHealthIndicator(DeliveryConfig.EhrTarget target, JdbcTemplate jdbc) {
        super("EHR health check failed");
        this.target = target;
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.withDetail("mllp", target.host() + ":" + target.port()).withDetail("localReceiver", target.local());
        // The backlog is the database's to tell: when it does not answer in time, the EHR check goes on without it.
        Deadline.within(Duration.ofSeconds(1), () -> jdbc.queryForMap("SELECT count(*) AS waiting, min(created_at) "
                + "AS oldest FROM bridge.outbox WHERE status IN ('pending', 'sent')")).ifPresentOrElse(backlog -> {
                    health.withDetail("unacknowledged", ((Number) backlog.get("waiting")).intValue());
                    if (backlog.get("oldest") instanceof Timestamp oldest) {
                        health.withDetail("oldestUnacknowledgedSeconds",
                                Duration.between(oldest.toInstant(), Instant.now()).toSeconds());
                    }
                }, () -> health.withDetail("unacknowledged", "unknown: the database did not answer"));
        String unreachable = target.unreachable();
        if (unreachable == null) {
            health.up();
        } else {
            health.down().withDetail("error", "MLLP listener not reachable: " + unreachable);
        }
    }
}
