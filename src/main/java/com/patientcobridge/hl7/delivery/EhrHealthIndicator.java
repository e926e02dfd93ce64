package com.patientcobridge.hl7.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
        Integer waiting = jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE status IN ('pending', 'sent')",
                Integer.class);
        Timestamp oldest = jdbc.queryForObject("SELECT min(created_at) FROM bridge.outbox "
                + "WHERE status IN ('pending', 'sent')", Timestamp.class);
        health.withDetail("unacknowledged", waiting == null ? 0 : waiting);
        if (oldest != null) {
            health.withDetail("oldestUnacknowledgedSeconds",
                    Duration.between(oldest.toInstant(), Instant.now()).toSeconds());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), 2000);
            health.up();
        } catch (IOException e) {
            health.down().withDetail("error", "MLLP listener not reachable: " + e.getClass().getSimpleName());
        }
    }
}
