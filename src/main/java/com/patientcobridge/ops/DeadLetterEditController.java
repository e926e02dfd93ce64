package com.patientcobridge.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.patientcobridge.deadletter.DeadLetterService;
import com.patientcobridge.hl7.delivery.OutboxReplay;
import com.patientcobridge.ops.audit.AuditLog;
import com.patientcobridge.ops.messages.MessageEdit;
import com.patientcobridge.ops.messages.MessageView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A dead letter's message as a form of its fields ({@code GET .../message}), and its edit
 * ({@code POST .../edit}): validated by HAPI before it replaces the message, written to the audit
 * log with the fields before and after, then replayed.
 */
@RestController
@RequestMapping("/ops/api/dead-letters/{id}")
class DeadLetterEditController {

    private final JdbcTemplate jdbc;
    private final MessageView view;
    private final MessageEdit edit;
    private final OutboxReplay outbox;
    private final DeadLetterService deadLetters;
    private final AuditLog audit;
    private final ObjectMapper json = new ObjectMapper();

    DeadLetterEditController(JdbcTemplate jdbc, MessageView view, MessageEdit edit, OutboxReplay outbox,
            DeadLetterService deadLetters, AuditLog audit) {
        this.jdbc = jdbc;
        this.view = view;
        this.edit = edit;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    /** The dead letter's outbox message: id, status, text. */
    private record Dead(long deadLetter, String status, long outboxId, String hl7) {
    }

    private Dead dead(long id) {
        List<Dead> found = jdbc.query("SELECT d.id, d.status, o.id, o.hl7 FROM bridge.dead_letter d "
                + "LEFT JOIN bridge.outbox o ON o.id = d.outbox_id WHERE d.id = ?", (rs, i) -> new Dead(rs.getLong(1),
                        rs.getString(2), rs.getLong(3), rs.getString(4)), id);
        if (found.isEmpty()) {
            throw new OpsApiErrors.NotFound("no dead letter " + id);
        }
        Dead d = found.get(0);
        if (d.outboxId() == 0 || d.hl7() == null) {
            throw new IllegalArgumentException("dead letter " + id + " has no HL7 message to edit: it is a record "
                    + "that failed before a message was built; replay it, or resolve it with a note");
        }
        return d;
    }

    @GetMapping("/message")
    Map<String, Object> message(@PathVariable long id, Authentication who, HttpServletRequest request)
            throws Exception {
        Dead d = dead(id);
        boolean whole = Roles.operator(who);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deadLetter", id);
        answer.put("status", d.status());
        answer.put("outboxId", d.outboxId());
        answer.put("masked", !whole);
        answer.put("segments", view.segments(d.hl7(), !whole));
        if (whole) {
            audit.record(AuditLog.Entry.of(who.getName(), "view-message", "dead_letter:" + id, "to edit",
                    request.getRemoteAddr()));
        }
        return answer;
    }

    /** The edit: the changed fields, each by segment place and field number. */
    record EditRequest(List<MessageEdit.Change> changes) {
    }

    @PostMapping("/edit")
    Map<String, Object> edit(@PathVariable long id, @RequestBody EditRequest body, Authentication who,
            HttpServletRequest request) throws Exception {
        Dead d = dead(id);
        if (!"open".equals(d.status())) {
            throw new IllegalArgumentException("dead letter " + id + " is " + d.status() + ", not open");
        }
        if (body.changes() == null || body.changes().isEmpty()) {
            throw new IllegalArgumentException("no changes: give 'changes' as [{segment, field, value}]");
        }
        MessageEdit.Result result = edit.apply(d.hl7(), body.changes());
        if (result.changed().isEmpty()) {
            throw new IllegalArgumentException("the changes leave the message as it was");
        }
        if (!outbox.replaceDeadMessage(d.outboxId(), result.hl7())) {
            throw new IllegalArgumentException("message " + d.outboxId() + " is no longer dead");
        }
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> after = new LinkedHashMap<>();
        result.changed().forEach(c -> {
            before.put(c.path(), c.before());
            after.put(c.path(), c.after());
        });
        audit.record(new AuditLog.Entry(who.getName(), "edit", "dead_letter:" + id, "fields " + before.keySet(),
                request.getRemoteAddr(), json.writeValueAsString(before), json.writeValueAsString(after)));
        boolean replayed = deadLetters.replay(id, who.getName());
        return Map.of("id", id, "changed", before.keySet(), "replayed", replayed);
    }
}
