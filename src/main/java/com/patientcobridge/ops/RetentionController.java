package com.patientcobridge.ops;

import com.patientcobridge.ops.audit.AuditLog;
import com.patientcobridge.retention.Retention;
import com.patientcobridge.retention.RetentionPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention: the ages kept and the last run with what it removed ({@code GET}), a run now
 * ({@code POST .../run}, audited).
 */
@RestController
@RequestMapping("/ops/api/retention")
class RetentionController {

    private final Retention retention;
    private final RetentionPolicy policy;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final ExecutorService manual = Executors.newSingleThreadExecutor(r -> new Thread(r, "manual-retention"));

    RetentionController(Retention retention, RetentionPolicy policy, JdbcTemplate jdbc, AuditLog audit) {
        this.retention = retention;
        this.policy = policy;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("policy", policy);
        var last = jdbc.queryForList("SELECT id, started_at AS \"startedAt\", ended_at AS \"endedAt\", outcome, "
                + "detail, error FROM bridge.job_run WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT 1",
                Retention.JOB);
        s.put("lastRun", last.isEmpty() ? null : last.get(0));
        return s;
    }

    @PostMapping("/run")
    ResponseEntity<Map<String, Object>> run(Authentication who, HttpServletRequest request) {
        audit.record(AuditLog.Entry.of(who.getName(), "run", "job:" + Retention.JOB, null, request.getRemoteAddr()));
        manual.submit(() -> retention.run("manual"));
        return ResponseEntity.accepted().body(Map.of("job", Retention.JOB, "started", true));
    }
}
