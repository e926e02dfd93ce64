package com.patientcobridge.deadletter;

import com.patientcobridge.patientco.PatientcoProducer;
import com.patientcobridge.system.BridgeHeaders;
import com.patientcobridge.system.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replay, resolve and discard of dead letters, each recorded in {@code bridge.audit}. A replay
 * sends the payload back to its flow (a malformed record is read again from Patientco, the source
 * of truth; an outbox message goes out again with its MSH-10); dead letters waiting behind it follow.
 */
public class DeadLetterService implements DeadLetterActions {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterService.class);
    private static final Map<String, String> FLOWS = Map.of("accounts", "direct:account-records", "statements",
            "direct:statement-records", "payments", "direct:payment-records", "refunds", "direct:refund-records",
            "chargebacks", "direct:chargeback-records", "settlements", "direct:settlement-records", "payment-plans",
            "direct:payment-plan-records", "communications", "direct:communication-records");

    private final JdbcTemplate jdbc;
    private final ProducerTemplate camel;
    private final OutboxReplayHook outbox;

    public DeadLetterService(JdbcTemplate jdbc, ProducerTemplate camel, OutboxReplayHook outbox) {
        this.jdbc = jdbc;
        this.camel = camel;
        this.outbox = outbox;
    }

    @Override
    public boolean replay(long id, String actor) {
        Map<String, Object> d = jdbc.queryForMap("SELECT * FROM bridge.dead_letter WHERE id = ?", id);
        String status = (String) d.get("status");
        if (!"open".equals(status) && !"waiting".equals(status)) {
            throw new IllegalArgumentException("Dead letter " + id + " is " + status + ", not open");
        }
        boolean ok = d.get("outbox_id") != null ? replayOutbox(d) : replayRecord(d);
        audit(actor, ok ? "replay" : "replay-failed", id, (String) d.get("patientco_id"));
        if (ok) {
            jdbc.update("UPDATE bridge.dead_letter SET status = 'replayed', last_seen = now() WHERE id = ?", id);
            for (Long waiting : jdbc.queryForList("SELECT id FROM bridge.dead_letter WHERE blocked_by = ? "
                    + "AND status = 'waiting' ORDER BY id", Long.class, id)) {
                replay(waiting, actor);
            }
        }
        LOG.info("Dead letter {} replayed by {}: {}", id, actor, ok ? "went through" : "failed again");
        return ok;
    }

    private boolean replayOutbox(Map<String, Object> d) {
        outbox.releaseAfterReplay(((Number) d.get("outbox_id")).longValue());
        return true;
    }

    private boolean replayRecord(Map<String, Object> d) {
        long id = ((Number) d.get("id")).longValue();
        int attemptsBefore = ((Number) d.get("attempts")).intValue();
        String resource = (String) d.get("resource");
        String patientcoId = (String) d.get("patientco_id");
        String type = (String) d.get("payload_type");
        Object body;
        String target = (String) d.get("endpoint_uri");
        if (type == null || type.equals(String.class.getName()) || target == null || !target.startsWith("direct:")) {
            // A record that was malformed when read: read it again; Patientco is the source of truth.
            if (resource == null || patientcoId == null || !FLOWS.containsKey(resource)) {
                return false;
            }
            try {
                body = camel.requestBodyAndHeader("patientco:" + resource + "?operation=get", null,
                        PatientcoProducer.ID, patientcoId);
            } catch (RuntimeException e) {
                LOG.warn("Dead letter {}: {} {} still cannot be read: {}", id, resource, patientcoId,
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                jdbc.update("UPDATE bridge.dead_letter SET attempts = attempts + 1, last_seen = now() WHERE id = ?", id);
                return false;
            }
            target = FLOWS.get(resource);
        } else {
            try {
                body = Json.MAPPER.readValue((String) d.get("payload"), Class.forName(type));
            } catch (Exception e) {
                return false;
            }
        }
        Exchange result = camel.send(target, ex -> {
            ex.getIn().setBody(body);
            ex.getIn().setHeader(BridgeHeaders.RESOURCE, resource);
            ex.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, patientcoId);
            ex.getIn().setHeader(BridgeHeaders.REPLAY_OF, id);
        });
        Integer attemptsAfter = jdbc.queryForObject("SELECT attempts FROM bridge.dead_letter WHERE id = ?", Integer.class,
                id);
        return result.getException() == null && attemptsAfter != null && attemptsAfter == attemptsBefore;
    }

    /**
     * Dead letters whose records went through when read again (a new version of the record): they
     * are over, and what waited behind them is replayed, in order, as a replay by a person would.
     */
    public void recovered(List<Long> ids) {
        for (long id : ids) {
            int closed = jdbc.update("UPDATE bridge.dead_letter SET status = 'replayed', note = coalesce(note, "
                    + "'went through when read again'), last_seen = now() WHERE id = ? AND status IN ('open', 'waiting')",
                    id);
            if (closed == 0) {
                continue;
            }
            audit("bridge", "recovered", id, "the record went through when read again");
            for (Long waiting : jdbc.queryForList("SELECT id FROM bridge.dead_letter WHERE blocked_by = ? "
                    + "AND status = 'waiting' ORDER BY id", Long.class, id)) {
                try {
                    replay(waiting, "bridge");
                } catch (RuntimeException e) {
                    LOG.warn("Dead letter {}, waiting behind {}, could not be replayed: {}", waiting, id,
                            e.getClass().getSimpleName());
                }
            }
        }
    }

    @Override
    public List<Long> replayMatching(DeadLetterFilter filter, String actor) {
        List<Long> replayed = new ArrayList<>();
        for (Long id : ids(filter)) {
            if (replay(id, actor)) {
                replayed.add(id);
            }
        }
        return replayed;
    }

    /** The open dead letters a filter matches, oldest first. */
    public List<Long> ids(DeadLetterFilter f) {
        return jdbc.queryForList("SELECT id FROM bridge.dead_letter WHERE status = coalesce(CAST(? AS text), 'open') "
                + "AND (CAST(? AS text) IS NULL OR flow = ?) AND (CAST(? AS text) IS NULL OR patientco_id = ?) "
                + "AND (CAST(? AS text) IS NULL OR reason ILIKE '%' || ? || '%') ORDER BY id", Long.class,
                f.status(), f.flow(), f.flow(), f.patientcoId(), f.patientcoId(), f.reasonContains(), f.reasonContains());
    }

    @Override
    public void resolve(long id, String note, String actor) {
        close(id, "resolved", "resolve", note, actor);
    }

    @Override
    public void discard(long id, String note, String actor) {
        close(id, "discarded", "discard", note, actor);
    }

    private void close(long id, String status, String action, String note, String actor) {
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("A note is required to " + action + " a dead letter");
        }
        int n = jdbc.update("UPDATE bridge.dead_letter SET status = ?, note = ?, last_seen = now() WHERE id = ? "
                + "AND status IN ('open', 'waiting')", status, note, id);
        if (n == 0) {
            throw new IllegalArgumentException("Dead letter " + id + " is not open");
        }
        audit(actor, action, id, note);
        // Nothing will replay the records that waited behind it: they become open, for a person to decide.
        int released = jdbc.update("UPDATE bridge.dead_letter SET status = 'open', last_seen = now() "
                + "WHERE blocked_by = ? AND status = 'waiting'", id);
        if (released > 0) {
            audit(actor, "unblock", id, released + " waiting dead letter(s) now open");
        }
    }

    private void audit(String actor, String action, long id, String detail) {
        jdbc.update("INSERT INTO bridge.audit (actor, action, target, detail) VALUES (?, ?, ?, ?)", actor, action,
                "dead_letter:" + id, detail);
    }
}
