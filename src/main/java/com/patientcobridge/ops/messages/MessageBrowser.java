package com.patientcobridge.ops.messages;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The message browser's search: every message of the outbox (one row per message, whatever its
 * state), newest first, filtered, paged by keyset on (created_at, id) so that page 10,000 costs
 * what page 1 does. Rows carry ids, types, outcomes and times, never a body.
 */
public class MessageBrowser {

    /** The outcomes a person filters by, and the outbox states each is. */
    public static final Map<String, String> OUTCOMES = Map.of(
            "acked", "o.status = 'acked'",
            "rejected", "o.status = 'dead' AND o.ack_code IN ('AE', 'AR', 'CE', 'CR')",
            "dead", "o.status = 'dead'",
            "waiting-for-linkage", "o.status = 'needs_linkage'",
            "held", "o.status = 'held'",
            "waiting", "o.status IN ('pending', 'sent')");

    private final JdbcTemplate jdbc;

    public MessageBrowser(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to find; every part optional. {@code text} searches the message's own text, so only an
     * operator may give it (the caller checks).
     */
    public record Filter(Instant from, Instant to, String type, String outcome, String facility, String account,
            String patientcoId, String msh10, String mrn, String batchId, String text) {
        public Filter {
            if (outcome != null && !OUTCOMES.containsKey(outcome)) {
                throw new IllegalArgumentException("outcome must be one of " + OUTCOMES.keySet().stream().sorted()
                        .toList() + ", was " + outcome);
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("'to' is before 'from'");
            }
        }
    }

    /** Where the next page starts: the last row's (created_at, id). */
    public record Cursor(Instant createdAt, long id) {

        public static Cursor parse(String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            int at = s.indexOf('_');
            try {
                return new Cursor(Instant.ofEpochSecond(0, Long.parseLong(s.substring(0, at))),
                        Long.parseLong(s.substring(at + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'after' is not a cursor this API gave");
            }
        }

        @Override
        public String toString() {
            return (createdAt.getEpochSecond() * 1_000_000_000L + createdAt.getNano()) + "_" + id;
        }
    }

    /** One page: its rows and the cursor of the next, null at the end. */
    public record Page(List<Map<String, Object>> rows, String next) {
    }

    public Page find(Filter f, Cursor after, int limit) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            where.append(" AND o.created_at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" AND o.created_at < ?");
            args.add(Timestamp.from(f.to()));
        }
        equal(where, args, "COALESCE(o.event_type, o.message_type)", f.type());
        equal(where, args, "o.facility", f.facility());
        equal(where, args, "o.msh10", f.msh10());
        equal(where, args, "o.batch_id", f.batchId());
        if (f.outcome() != null) {
            where.append(" AND ").append(OUTCOMES.get(f.outcome()));
        }
        if (f.account() != null) {
            where.append(" AND (o.patientco_ids @> ARRAY[?]::text[] OR o.order_key = ?)");
            args.add(f.account());
            args.add(f.account());
        }
        if (f.patientcoId() != null) {
            where.append(" AND o.patientco_ids @> ARRAY[?]::text[]");
            args.add(f.patientcoId());
        }
        if (f.mrn() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM bridge.message_store m WHERE m.outbox_id = o.id AND m.mrn = ?)");
            args.add(f.mrn());
        }
        if (f.text() != null) {
            where.append(" AND (strpos(o.hl7, ?) > 0 OR EXISTS (SELECT 1 FROM bridge.message_store m "
                    + "WHERE m.outbox_id = o.id AND strpos(m.body, ?) > 0))");
            args.add(f.text());
            args.add(f.text());
        }
        if (after != null) {
            where.append(" AND (o.created_at, o.id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        args.add(limit + 1);
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("SELECT o.id, o.created_at, "
                + "COALESCE(o.event_type, o.message_type) AS message_type, o.msh10, o.status, o.ack_code, o.facility, o.order_key AS guarantor, "
                + "o.patientco_ids::text AS patientco_ids, o.batch_id, o.amount, o.attempts, o.sent_at, o.acked_at, "
                + "o.body_pruned_at IS NOT NULL AS body_pruned FROM bridge.outbox o WHERE " + where
                + " ORDER BY o.created_at DESC, o.id DESC LIMIT ?", args.toArray()));
        String next = null;
        if (rows.size() > limit) {
            rows.remove(limit);
            Map<String, Object> last = rows.get(limit - 1);
            next = new Cursor(((Timestamp) last.get("created_at")).toInstant(), ((Number) last.get("id")).longValue())
                    .toString();
        }
        rows.forEach(r -> r.put("outcome", outcome(r)));
        return new Page(rows, next);
    }

    private static void equal(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    /** A row's outcome in the browser's words. */
    static String outcome(Map<String, Object> row) {
        String status = (String) row.get("status");
        String ack = (String) row.get("ack_code");
        return switch (status) {
            case "acked" -> "acked";
            case "dead" -> ack != null && List.of("AE", "AR", "CE", "CR").contains(ack) ? "rejected" : "dead";
            case "needs_linkage" -> "waiting-for-linkage";
            case "held" -> "held";
            default -> "waiting";
        };
    }
}
