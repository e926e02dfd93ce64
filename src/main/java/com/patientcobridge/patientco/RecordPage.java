package com.patientcobridge.patientco;

import com.patientcobridge.model.PatientcoRecord;
import com.patientcobridge.patientco.client.MalformedRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a resource as the consumer hands it to its route, the unit of work of the bridge: the
 * new or changed records in page order, the malformed ones with their reason, and what marks the
 * page done. The route writes everything the page causes, then calls {@link #markDone()}, all in one
 * transaction: the page and its watermark commit together or not at all.
 */
public final class RecordPage {

    /** A record of the page with the version it was read at. */
    public record Item(String id, Instant updatedAt, String hash, PatientcoRecord record) {
    }

    /**
     * A record that breaks the contract: its id (if it has one), its version, its raw JSON (kept for
     * the dead letter, never logged) and why.
     */
    public record Malformed(String id, Instant updatedAt, String hash, String rawJson,
            MalformedRecordException reason) {
    }

    /** What marks the page done: its versions seen, the watermark past it, the run's counters. */
    interface Marks {
        void done(RecordPage page, int staged, int deadLettered);
    }

    private final String resource;
    private final Long runId;
    private final List<Item> items;
    private final List<Malformed> malformed;
    private final int unchanged;
    private final Instant last;
    private final String lastId;
    private final Marks marks;

    RecordPage(String resource, Long runId, List<Item> items, List<Malformed> malformed, int unchanged, Instant last,
            String lastId, Marks marks) {
        this.resource = resource;
        this.runId = runId;
        this.items = List.copyOf(items);
        this.malformed = List.copyOf(malformed);
        this.unchanged = unchanged;
        this.last = last;
        this.lastId = lastId;
        this.marks = marks;
    }

    /** A page of one record outside any read (a replay): nothing to mark, no watermark to move. */
    public static RecordPage of(String resource, PatientcoRecord record, Long runId) {
        return of(resource, List.of(record), runId);
    }

    /** A page of records outside any read (a replay, a test): nothing to mark, no watermark to move. */
    public static RecordPage of(String resource, List<? extends PatientcoRecord> records, Long runId) {
        List<Item> items = new ArrayList<>();
        for (PatientcoRecord record : records) {
            items.add(new Item(record.id(), record.updatedAt(), null, record));
        }
        return new RecordPage(resource, runId, items, List.of(), 0, null, null, (page, staged, dead) -> { });
    }

    /** The resource path ({@code payments}). */
    public String resource() {
        return resource;
    }

    /** The job run that read the page, or null. */
    public Long runId() {
        return runId;
    }

    public List<Item> items() {
        return items;
    }

    public List<Malformed> malformed() {
        return malformed;
    }

    /** Records of the page already processed at the same version (not in {@link #items()}). */
    public int unchanged() {
        return unchanged;
    }

    /** The records of the page, as their own type. */
    @SuppressWarnings("unchecked")
    public <T extends PatientcoRecord> List<T> records(Class<T> type) {
        List<T> records = new ArrayList<>(items.size());
        for (Item item : items) {
            records.add((T) item.record());
        }
        return records;
    }

    /** The newest version of the page (its last record), the watermark's next value; null for a page of none. */
    public Instant last() {
        return last;
    }

    public String lastId() {
        return lastId;
    }

    /**
     * Marks every record of the page as processed at its version, moves the watermark past the page
     * and adds to the run's counters the rows staged and the dead letters the page caused. Call it in
     * the transaction that wrote what the page caused, as its last write.
     */
    public void markDone(int staged, int deadLettered) {
        marks.done(this, staged, deadLettered);
    }
}
