package com.patientcobridge.ops.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bridge.audit}: who did what, when, from where, on what; an edit's before and after.
 * Rows are only ever added (a trigger refuses updates and deletes but the retention job's).
 * Logins, views of whole messages, replays, resends, edits, resolves, manual runs, backfills, pauses.
 */
public class AuditLog {

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry; {@code before} and {@code after} only for an edit. */
    public record Entry(String actor, String action, String target, String detail, String address, String before,
            String after) {

        public static Entry of(String actor, String action, String target, String detail, String address) {
            return new Entry(actor, action, target, detail, address, null, null);
        }
    }

    public void record(Entry e) {
        jdbc.update("INSERT INTO bridge.audit (actor, action, target, detail, address, before, after) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", e.actor(), e.action(), e.target(), e.detail(), e.address(),
                e.before(), e.after());
    }

    /** What to find: every part optional. */
    public record Filter(Instant from, Instant to, String actor, String action, String target) {
    }

    /** Newest first, {@code limit} rows from before the entry {@code beforeId} (null: the newest). */
    public List<Map<String, Object>> find(Filter f, Long beforeId, int limit) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (f.actor() != null) {
            where.append(" AND actor = ?");
            args.add(f.actor());
        }
        if (f.action() != null) {
            where.append(" AND action = ?");
            args.add(f.action());
        }
        if (f.target() != null) {
            where.append(" AND target = ?");
            args.add(f.target());
        }
        if (beforeId != null) {
            where.append(" AND id < ?");
            args.add(beforeId);
        }
        args.add(limit);
        return jdbc.queryForList("SELECT id, at, actor, action, target, detail, address, before, after "
                + "FROM bridge.audit WHERE " + where + " ORDER BY id DESC LIMIT ?", args.toArray());
    }
}
