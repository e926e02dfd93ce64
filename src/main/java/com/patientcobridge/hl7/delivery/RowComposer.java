package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.MessageCharset;
import com.patientcobridge.hl7.MessageComposer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a lane's messages on a thread of its own, ahead of the sends: while one message waits for
 * its ACK, the next ones are being built, a chunk of rows at a time (one crosswalk lookup a chunk).
 * Building has no side effects; the lane acts on the outcome (send, wait for linkage, dead-letter)
 * when it reaches the row, in order.
 */
final class RowComposer implements AutoCloseable {

    /** Rows built together, with one crosswalk lookup. */
    static final int CHUNK = 100;

    /**
     * A row with its message (and the MRN in it and its charset), or why it has none: waiting for
     * its patient's MRN, or invalid.
     */
    record Composed(OutboxRow row, String mrn, Charset charset, boolean needsLinkage, String invalid) {
    }

    private final MessageComposer composer;
    private final ExecutorService thread;

    RowComposer(MessageComposer composer, String name) {
        this.composer = composer;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts building the rows, in order, a chunk at a time; each future holds one row's outcome. */
    List<Future<Composed>> ahead(List<OutboxRow> rows) {
        List<CompletableFuture<Composed>> built = new ArrayList<>(rows.size());
        rows.forEach(r -> built.add(new CompletableFuture<>()));
        for (int from = 0; from < rows.size(); from += CHUNK) {
            int start = from;
            int end = Math.min(rows.size(), from + CHUNK);
            thread.execute(() -> {
                try {
                    List<Composed> chunk = composeAll(rows.subList(start, end));
                    for (int i = 0; i < chunk.size(); i++) {
                        built.get(start + i).complete(chunk.get(i));
                    }
                } catch (RuntimeException e) {
                    for (int i = start; i < end; i++) {
                        built.get(i).completeExceptionally(e);
                    }
                }
            });
        }
        return new ArrayList<>(built);
    }

    /** One row, now, on the caller's thread. */
    Composed compose(OutboxRow row) {
        return composeAll(List.of(row)).get(0);
    }

    /**
     * The rows with their messages built (a row sent before keeps the message it was first sent
     * with). Only a message's own fault makes it invalid; anything else (the database down while the
     * crosswalk is read) is thrown, so the lane stops and the rows are built again later: an outage
     * is never a dead letter.
     */
    private List<Composed> composeAll(List<OutboxRow> rows) {
        List<MessageComposer.Request> requests = new ArrayList<>();
        for (OutboxRow row : rows) {
            if (row.hl7() == null) {
                requests.add(new MessageComposer.Request(row.messageType(), row.eventJson(), row.msh10()));
            }
        }
        List<MessageComposer.Built> built = requests.isEmpty() ? List.of() : composer.composeAll(requests);
        List<Composed> composed = new ArrayList<>(rows.size());
        int next = 0;
        for (OutboxRow row : rows) {
            if (row.hl7() != null) {
                composed.add(new Composed(row, StoredMrn.of(row.hl7()), MessageCharset.of(row.hl7()), false, null));
                continue;
            }
            MessageComposer.Built b = built.get(next++);
            composed.add(b.hl7() != null ? new Composed(row.withHl7(b.hl7()), b.mrn(), b.charset(), false, null)
                    : new Composed(row, null, null, b.needsLinkage(), b.invalid()));
        }
        return composed;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
