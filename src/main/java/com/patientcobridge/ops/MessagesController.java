package com.patientcobridge.ops;

import com.patientcobridge.hl7.delivery.OutboxReplay;
import com.patientcobridge.ops.audit.AuditLog;
import com.patientcobridge.ops.messages.MessageBrowser;
import com.patientcobridge.ops.messages.MessageView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The message browser: {@code GET /ops/api/messages} finds messages (ids, types, outcomes, times;
 * no bodies), {@code GET /ops/api/messages/{id}} opens one as named fields with its ACKs (PHI
 * masked for a viewer; an operator's view is audited), {@code POST .../resend} sends it again.
 */
@RestController
@RequestMapping("/ops/api/messages")
class MessagesController {

    private final JdbcTemplate jdbc;
    private final MessageBrowser browser;
    private final MessageView view;
    private final OutboxReplay outbox;
    private final AuditLog audit;

    MessagesController(JdbcTemplate jdbc, MessageBrowser browser, MessageView view, OutboxReplay outbox,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.browser = browser;
        this.view = view;
        this.outbox = outbox;
        this.audit = audit;
    }

    @GetMapping
    MessageBrowser.Page find(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String type, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String facility, @RequestParam(required = false) String account,
            @RequestParam(required = false) String patientcoId, @RequestParam(required = false) String msh10,
            @RequestParam(required = false) String mrn, @RequestParam(required = false) String batchId,
            @RequestParam(required = false) String text, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "50") int limit, Authentication who) {
        if (OpsParams.blank(text) == null && OpsParams.blank(mrn) == null || Roles.operator(who)) {
            var filter = new MessageBrowser.Filter(OpsParams.day(from, 0), OpsParams.day(to, 1), OpsParams.blank(type), OpsParams.blank(outcome),
                    OpsParams.blank(facility), OpsParams.blank(account), OpsParams.blank(patientcoId), OpsParams.blank(msh10), OpsParams.blank(mrn), OpsParams.blank(batchId),
                    OpsParams.blank(text));
            return browser.find(filter, MessageBrowser.Cursor.parse(after), OpsController.limit(limit));
        }
        throw new Roles.Forbidden("searching the messages' text or MRNs");
    }

    @GetMapping("/{id}")
    Map<String, Object> open(@PathVariable long id, Authentication who, HttpServletRequest request) throws Exception {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, created_at, COALESCE(event_type, "
                + "message_type) AS message_type, msh10, status, "
                + "ack_code, ack_text, facility, order_key AS guarantor, patientco_ids::text AS patientco_ids, batch_id, "
                + "amount, attempts, sent_at, acked_at, hl7, body_pruned_at FROM bridge.outbox WHERE id = ?", id);
        if (rows.isEmpty()) {
            throw new OpsApiErrors.NotFound("no message " + id);
        }
        Map<String, Object> row = new LinkedHashMap<>(rows.get(0));
        String frozen = (String) row.remove("hl7");
        List<Map<String, Object>> sends = jdbc.queryForList("SELECT id, created_at, ack_code, body, ack_body "
                + "FROM bridge.message_store WHERE outbox_id = ? ORDER BY id", id);
        boolean whole = Roles.operator(who);
        String body = sends.isEmpty() || sends.get(sends.size() - 1).get("body") == null ? frozen
                : (String) sends.get(sends.size() - 1).get("body");
        Map<String, Object> answer = new LinkedHashMap<>(row);
        answer.put("masked", !whole);
        answer.put("segments", body == null ? List.of() : view.segments(body, !whole));
        if (whole && body != null) {
            answer.put("text", body.replace('\r', '\n'));
        }
        List<Map<String, Object>> acks = new ArrayList<>();
        for (Map<String, Object> send : sends) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("at", send.get("created_at"));
            a.put("ackCode", send.get("ack_code"));
            String ack = (String) send.get("ack_body");
            a.put("segments", ack == null || !ack.startsWith("MSH") ? List.of() : view.segments(ack, !whole));
            if (ack != null && !ack.startsWith("MSH")) {
                a.put("note", ack);
            }
            acks.add(a);
        }
        answer.put("sends", acks);
        if (whole && body != null) {
            audit.record(AuditLog.Entry.of(who.getName(), "view-message", "message:" + id, row.get("msh10") + " "
                    + row.get("message_type"), request.getRemoteAddr()));
        }
        return answer;
    }

    @PostMapping("/{id}/resend")
    Map<String, Object> resend(@PathVariable long id, Authentication who, HttpServletRequest request) {
        String msh10 = jdbc.query("SELECT msh10 FROM bridge.outbox WHERE id = ?", rs -> rs.next() ? rs.getString(1)
                : null, id);
        if (msh10 == null) {
            throw new OpsApiErrors.NotFound("no message " + id);
        }
        if (!outbox.resend(id)) {
            throw new IllegalArgumentException("message " + id + " cannot be resent: only an acknowledged message "
                    + "whose body is still kept can be");
        }
        audit.record(AuditLog.Entry.of(who.getName(), "resend", "message:" + id, msh10, request.getRemoteAddr()));
        return Map.of("id", id, "msh10", msh10, "queued", true);
    }
}
