package com.patientcobridge.ops;

import com.patientcobridge.ops.audit.AuditLog;
import com.patientcobridge.retention.Retention;
import com.patientcobridge.retention.RetentionPolicy;
import com.patientcobridge.schedule.JobRuns;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Retention: the ages kept and the last run ({@code GET}), a run now ({@code POST .../run}, audited). */
@RestController
@RequestMapping("/ops/api/retention")
class RetentionController {

    private final Retention retention;
    private final RetentionPolicy policy;
    private final JobRuns runs;
    private final AuditLog audit;
    private final ExecutorService manual = Executors.newSingleThreadExecutor(r -> new Thread(r, "manual-retention"));

    RetentionController(Retention retention, RetentionPolicy policy, JobRuns runs, AuditLog audit) {
        this.retention = retention;
        this.policy = policy;
        this.runs = runs;
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("policy", policy);
        var last = runs.recent(Retention.JOB, 1);
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
