package com.patientcobridge.ops;

import com.patientcobridge.hl7.delivery.DeliveryControl;
import com.patientcobridge.hl7.delivery.EhrConnectionState;
import com.patientcobridge.ops.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery to the EHR, live: the connection (up or down, since when), paused or sending, the
 * backlog and its age, messages per minute; pause and resume (operator, audited).
 */
@RestController
@RequestMapping("/ops/api/delivery")
class DeliveryController {

    private final JdbcTemplate jdbc;
    private final DeliveryControl control;
    private final EhrConnectionState connection;
    private final AuditLog audit;

    DeliveryController(JdbcTemplate jdbc, DeliveryControl control, EhrConnectionState connection, AuditLog audit) {
        this.jdbc = jdbc;
        this.control = control;
        this.connection = connection;
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("connection", connection.state());
        s.put("delivery", control.state());
        s.put("backlog", jdbc.queryForMap("SELECT count(*) FILTER (WHERE status IN ('pending', 'sent')) AS waiting, "
                + "extract(epoch FROM now() - min(created_at) FILTER (WHERE status IN ('pending', 'sent')))::bigint "
                + "AS oldest_seconds, count(*) FILTER (WHERE status = 'needs_linkage') AS waiting_for_linkage, "
                + "count(*) FILTER (WHERE status = 'held') AS held, count(*) FILTER (WHERE status = 'dead') AS dead "
                + "FROM bridge.outbox WHERE status <> 'acked'"));
        return s;
    }

    /** Messages answered per minute over the last {@code hours}: accepted and rejected, oldest first. */
    @GetMapping("/rate")
    Object rate(@RequestParam(defaultValue = "3") int hours) {
        if (hours < 1 || hours > 48) {
            throw new IllegalArgumentException("'hours' must be between 1 and 48");
        }
        return jdbc.queryForList("SELECT date_trunc('minute', created_at) AS minute, "
                + "count(*) FILTER (WHERE ack_code IN ('AA', 'CA', 'FILE')) AS accepted, "
                + "count(*) FILTER (WHERE ack_code IS NULL OR ack_code NOT IN ('AA', 'CA', 'FILE')) AS rejected "
                + "FROM bridge.message_store WHERE created_at >= now() - (? * interval '1 hour') "
                + "GROUP BY 1 ORDER BY 1", hours);
    }

    @PostMapping("/pause")
    DeliveryControl.State pause(@RequestParam(required = false) String reason, Authentication who,
            HttpServletRequest request) {
        DeliveryControl.State s = control.pause(who.getName(), reason);
        audit.record(AuditLog.Entry.of(who.getName(), "pause", "connection:" + s.connection(), reason,
                request.getRemoteAddr()));
        return s;
    }

    @PostMapping("/resume")
    DeliveryControl.State resume(Authentication who, HttpServletRequest request) {
        DeliveryControl.State s = control.resume(who.getName());
        audit.record(AuditLog.Entry.of(who.getName(), "resume", "connection:" + s.connection(), null,
                request.getRemoteAddr()));
        return s;
    }
}
