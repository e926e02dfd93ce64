package com.patientcobridge.patientco;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.patientco.client.MalformedRecordException;
import com.patientcobridge.patientco.client.RecordReader;
import com.patientcobridge.patientco.model.Resource;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.system.BridgeHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's handling of pages: validates each record (malformed ones to the dead-letter
 * endpoint), skips versions already processed, hands the rest to the route as one batch, then
 * records what completed and moves the watermark past it.
 */
final class PageReader {

    private static final Logger LOG = LoggerFactory.getLogger(PageReader.class);

    /** One record of the page: done at once (unchanged, dead-lettered) or waiting on its exchange. */
    private record Entry(String id, Instant updatedAt, String hash, Exchange exchange) {
    }

    private final PatientcoConsumer consumer;
    private final long runId;
    private final JobRuns runs;
    private final Resource resource;
    private final Watermarks watermarks;
    private int fetched;
    private int unchanged;
    private int deadLettered;

    PageReader(PatientcoConsumer consumer, long runId, JobRuns runs) {
        this.consumer = consumer;
        this.runId = runId;
        this.runs = runs;
        this.resource = consumer.getEndpoint().getResource();
        this.watermarks = consumer.getEndpoint().getComponent().getWatermarks();
    }

    void page(List<JsonNode> records) throws IllegalStateException {
        List<Entry> entries = new ArrayList<>(records.size());
        Queue<Object> batch = new ArrayDeque<>();
        int dead = 0;
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
        Set<String> seen = watermarks.seen(resource.path(), versions);
        for (int i = 0; i < records.size(); i++) {
            JsonNode raw = records.get(i);
            String id = raw.path("id").isTextual() ? raw.get("id").asText() : null;
            String hash = hashes.get(i);
            if (id != null && seen.contains(id) && hash.equals(versions.get(id))) {
                unchanged++;
                entries.add(new Entry(id, updatedAt(raw), null, null));
                continue;
            }
            Object record;
            try {
                record = RecordReader.read(resource, raw);
            } catch (MalformedRecordException e) {
                deadLetter(id, raw, e);
                dead++;
                entries.add(new Entry(id, null, hash, null));
                continue;
            }
            Instant updatedAt = updatedAt(raw);
            Exchange exchange = exchange(id, updatedAt, record);
            entries.add(new Entry(id, updatedAt, hash, exchange));
            batch.add(exchange);
        }
        deadLettered += dead;
        AtomicInteger staged = new AtomicInteger();
        batch.forEach(exchange -> ((Exchange) exchange).setProperty(BridgeHeaders.PAGE_STAGED, staged));
        int completed;
        try {
            completed = consumer.processBatch(batch);
        } catch (Exception e) {
            throw new IllegalStateException(resource.path() + ": " + e.getMessage(), e);
        } finally {
            if (runs != null && runId > 0) {
                runs.add(runId, JobRuns.Counter.STAGED, staged.get());
            }
        }
        commit(entries, completed, dead);
    }

    /** Records what is done, up to the first exchange that failed, and moves the watermark past it. */
    private void commit(List<Entry> entries, int completed, int dead) {
        int exchangesDone = 0;
        Instant newest = null;
        String newestId = null;
        List<Watermarks.Seen> seen = new ArrayList<>();
        for (Entry e : entries) {
            if (e.exchange() != null) {
                if (exchangesDone == completed) {
                    finishPage(seen, newest, newestId, completed, dead);
                    throw new IllegalStateException(resource.path() + " record " + e.id()
                            + " failed in the route; the run stops and the watermark stays before it");
                }
                exchangesDone++;
            }
            if (e.hash() != null && e.id() != null) {
                seen.add(new Watermarks.Seen(e.id(), e.updatedAt(), e.hash()));
            }
            if (e.updatedAt() != null) {
                newest = e.updatedAt();
                newestId = e.id();
            }
        }
        finishPage(seen, newest, newestId, completed, dead);
    }

    private void finishPage(List<Watermarks.Seen> seen, Instant newest, String newestId, int completed, int dead) {
        watermarks.markSeen(resource.path(), seen);
        if (newest != null && resource.incremental()) {
            watermarks.advance(resource.path(), newest, newestId);
        }
        fetched += completed;
        if (runs != null && runId > 0) {
            runs.add(runId, JobRuns.Counter.FETCHED, completed);
            runs.add(runId, JobRuns.Counter.DEAD_LETTERED, dead);
        }
    }

    private Exchange exchange(String id, Instant updatedAt, Object record) {
        Exchange exchange = consumer.newExchange();
        exchange.getIn().setBody(record);
        exchange.getIn().setHeader(BridgeHeaders.RESOURCE, resource.path());
        exchange.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, id);
        exchange.getIn().setHeader(BridgeHeaders.UPDATED_AT, updatedAt);
        if (runId > 0) {
            exchange.getIn().setHeader(BridgeHeaders.RUN_ID, runId);
        }
        return exchange;
    }

    private void deadLetter(String id, JsonNode raw, MalformedRecordException e) {
        LOG.warn("{} record {} is malformed (field '{}'); set aside as a dead letter", resource.path(), id, e.field());
        Exchange dead = consumer.newExchange();
        dead.getIn().setBody(raw.toString());
        dead.getIn().setHeader(BridgeHeaders.FLOW, consumer.routeId());
        dead.getIn().setHeader(BridgeHeaders.RESOURCE, resource.path());
        dead.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, id);
        if (runId > 0) {
            dead.getIn().setHeader(BridgeHeaders.RUN_ID, runId);
        }
        dead.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        consumer.deadLetter(dead);
        if (dead.getException() != null) {
            throw new IllegalStateException("Cannot dead-letter " + resource.path() + " record " + id,
                    dead.getException());
        }
    }

    int fetched() {
        return fetched;
    }

    int unchanged() {
        return unchanged;
    }

    int deadLettered() {
        return deadLettered;
    }

    private static Instant updatedAt(JsonNode raw) {
        try {
            return raw.hasNonNull("updatedAt") ? Instant.parse(raw.get("updatedAt").asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String hash(JsonNode raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
