package com.patientcobridge.patientco;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.PatientcoRecord;
import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.client.MalformedRecordException;
import com.patientcobridge.patientco.client.RecordReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * One run's making of pages: each fetched page's records are hashed, checked against the versions
 * already processed (one query), validated and converted; the page knows how to mark itself done.
 */
final class PageReader {

    private final String resource;
    private final boolean incremental;
    private final Resource type;
    private final long runId;
    private final RunLog runs;
    private final Watermarks watermarks;
    private int fetched;
    private int unchanged;
    private int malformed;

    PageReader(Resource type, long runId, RunLog runs, Watermarks watermarks) {
        this.type = type;
        this.resource = type.path();
        this.incremental = type.incremental();
        this.runId = runId;
        this.runs = runs;
        this.watermarks = watermarks;
    }

    RecordPage page(List<JsonNode> records) {
        List<String> hashes = new ArrayList<>(records.size());
        Map<String, String> versions = new HashMap<>();
        for (JsonNode raw : records) {
            String hash = hash(raw);
            hashes.add(hash);
            if (raw.path("id").isTextual()) {
                versions.putIfAbsent(raw.get("id").asText(), hash);
            }
        }
        // Seen first: a malformed record already dead-lettered is not dead-lettered again on a re-read.
        Set<String> seen = watermarks.seen(resource, versions);
        List<RecordPage.Item> items = new ArrayList<>(records.size());
        List<RecordPage.Malformed> bad = new ArrayList<>();
        int same = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode raw = records.get(i);
            String id = raw.path("id").isTextual() ? raw.get("id").asText() : null;
            String hash = hashes.get(i);
            if (id != null && seen.contains(id) && hash.equals(versions.get(id))) {
                same++;
                continue;
            }
            try {
                PatientcoRecord record = RecordReader.read(type, raw);
                items.add(new RecordPage.Item(id, record.updatedAt(), hash, record));
            } catch (MalformedRecordException e) {
                bad.add(new RecordPage.Malformed(id, updatedAt(raw), hash, raw.toString(), e));
            }
        }
        JsonNode newest = records.isEmpty() ? null : records.get(records.size() - 1);
        Instant last = newest == null ? null : updatedAt(newest);
        String lastId = newest == null || !newest.path("id").isTextual() ? null : newest.get("id").asText();
        fetched += items.size();
        unchanged += same;
        malformed += bad.size();
        return new RecordPage(resource, runId > 0 ? runId : null, items, bad, same, last, lastId, this::markDone);
    }

    /** In the page's transaction: its versions seen, the watermark past it, the run's counters. */
    private void markDone(RecordPage page, int staged, int deadLettered) {
        List<Watermarks.Seen> seen = new ArrayList<>(page.items().size() + page.malformed().size());
        for (RecordPage.Item item : page.items()) {
            if (item.id() != null) {
                seen.add(new Watermarks.Seen(item.id(), item.updatedAt(), item.hash()));
            }
        }
        for (RecordPage.Malformed m : page.malformed()) {
            if (m.id() != null) {
                seen.add(new Watermarks.Seen(m.id(), m.updatedAt(), m.hash()));
            }
        }
        watermarks.markSeen(resource, seen);
        if (incremental && page.last() != null) {
            watermarks.advance(resource, page.last(), page.lastId());
        }
        if (runs != null && runId > 0) {
            runs.counted(runId, page.items().size() + page.malformed().size(), staged, deadLettered);
        }
    }

    int fetched() {
        return fetched;
    }

    int unchanged() {
        return unchanged;
    }

    int malformed() {
        return malformed;
    }

    private static Instant updatedAt(JsonNode raw) {
        try {
            return raw.hasNonNull("updatedAt") ? Instant.parse(raw.get("updatedAt").asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String hash(JsonNode raw) {
        return DigestUtils.sha256Hex(raw.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
