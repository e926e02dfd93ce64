package com.patientcobridge.ops;

import com.patientcobridge.ops.audit.AuditLog;
import com.patientcobridge.ops.login.OpsUserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log, read-only ({@code GET /ops/api/audit}; an edit's before and after for operators
 * only), who is signed in ({@code /ops/api/me}) and a user's own password change.
 */
@RestController
class AuditController {

    private final AuditLog audit;
    private final OpsUserDirectory users;

    AuditController(AuditLog audit, OpsUserDirectory users) {
        this.audit = audit;
        this.users = users;
    }

    @GetMapping("/ops/api/audit")
    List<Map<String, Object>> find(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String target,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit,
            Authentication who) {
        List<Map<String, Object>> rows = audit.find(new AuditLog.Filter(OpsParams.day(from, 0),
                OpsParams.day(to, 1), OpsParams.blank(actor), OpsParams.blank(action),
                OpsParams.blank(target)), before, OpsController.limit(limit));
        if (!Roles.operator(who)) {
            rows.forEach(r -> {
                r.remove("before");
                r.remove("after");
            });
        }
        return rows;
    }

    @GetMapping("/ops/api/me")
    Map<String, Object> me(Authentication who, HttpServletRequest request) {
        var session = request.getSession(false);
        return Map.of("username", who.getName(), "operator", Roles.operator(who), "sessionTimeoutSeconds",
                session == null ? 0 : session.getMaxInactiveInterval());
    }

    /** A password change: the current password and the chosen one. */
    record PasswordChange(String current, String chosen) {
    }

    @PostMapping("/ops/api/password")
    Map<String, Object> password(@RequestBody PasswordChange change, Authentication who, HttpServletRequest request) {
        users.change(who.getName(), change.current(), change.chosen());
        audit.record(AuditLog.Entry.of(who.getName(), "password-changed", "user:" + who.getName(), null,
                request.getRemoteAddr()));
        return Map.of("changed", true);
    }
}
