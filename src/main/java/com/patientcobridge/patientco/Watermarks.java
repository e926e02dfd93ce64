package com.patientcobridge.patientco;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far each resource has been read and committed downstream (bridge.watermark), and which
 * records were already processed at which version (bridge.seen_record).
 */
public class Watermarks {

    private final JdbcTemplate jdbc;

    public Watermarks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The watermark of a resource, or null before its first run. */
    public Instant get(String resource) {
        List<Timestamp> at = jdbc.queryForList("SELECT updated_since FROM bridge.watermark WHERE resource = ?",
                Timestamp.class, resource);
        return at.isEmpty() ? null : at.get(0).toInstant();
    }

    /** Moves the watermark forward (never back). */
    public void advance(String resource, Instant to, String lastId) {
        jdbc.update("INSERT INTO bridge.watermark (resource, updated_since, last_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (resource) DO UPDATE SET updated_since = EXCLUDED.updated_since, "
                + "last_id = EXCLUDED.last_id, advanced_at = now() "
                + "WHERE bridge.watermark.updated_since <= EXCLUDED.updated_since",
                resource, Timestamp.from(to), lastId);
    }

    /** Which of these records (id to content hash) were already processed at exactly this version; one query. */
    public Set<String> seen(String resource, Map<String, String> versions) {
        if (versions.isEmpty()) {
            return Set.of();
        }
        List<String> ids = new ArrayList<>(versions.keySet());
        List<String> hashes = ids.stream().map(versions::get).toList();
        return new HashSet<>(jdbc.query("SELECT s.id FROM bridge.seen_record s JOIN unnest(?::text[], ?::text[]) "
                + "AS v(id, content_hash) ON s.id = v.id AND s.content_hash = v.content_hash WHERE s.resource = ?",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray()));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", hashes.toArray()));
                    ps.setString(3, resource);
                }, (rs, i) -> rs.getString(1)));
    }

    /** A version of a record the bridge has processed. */
    public record Seen(String id, Instant updatedAt, String contentHash) {
    }

    /** Records a page's processed versions in one statement (one round trip, in the page's transaction). */
    public void markSeen(String resource, List<Seen> seen) {
        if (seen.isEmpty()) {
            return;
        }
        String[] ids = new String[seen.size()];
        Timestamp[] updated = new Timestamp[seen.size()];
        String[] hashes = new String[seen.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = seen.get(i).id();
            updated[i] = seen.get(i).updatedAt() == null ? null : Timestamp.from(seen.get(i).updatedAt());
            hashes[i] = seen.get(i).contentHash();
        }
        // The last version of an id wins when a page holds it twice (DISTINCT ON keeps the statement valid).
        jdbc.update("INSERT INTO bridge.seen_record (resource, id, updated_at, content_hash) "
                + "SELECT DISTINCT ON (s.id) ?, s.id, s.updated_at, s.hash FROM unnest(?::text[], ?::timestamptz[], "
                + "?::text[]) WITH ORDINALITY AS s(id, updated_at, hash, n) ORDER BY s.id, s.n DESC "
                + "ON CONFLICT (resource, id) DO UPDATE SET updated_at = EXCLUDED.updated_at, "
                + "content_hash = EXCLUDED.content_hash, last_seen = now()", ps -> {
                    ps.setString(1, resource);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", ids));
                    ps.setArray(3, ps.getConnection().createArrayOf("timestamptz", updated));
                    ps.setArray(4, ps.getConnection().createArrayOf("text", hashes));
                });
    }
}
