package com.patientcobridge.hl7.delivery;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.hl7.MessageComposer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a lane's messages on a thread of its own, ahead of the sends: while one message waits for
 * its ACK, the next ones are being built. Building has no side effects; the lane acts on the
 * outcome (send, wait for linkage, dead-letter) when it reaches the row, in order.
 */
final class RowComposer implements AutoCloseable {

    /** A row with its message, or why it has none: waiting for its patient's MRN, or invalid. */
    record Composed(OutboxRow row, boolean needsLinkage, String invalid) {
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

    /** Starts building the rows, in order; each future holds one row's outcome. */
    List<Future<Composed>> ahead(List<OutboxRow> rows) {
        List<Future<Composed>> built = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            built.add(thread.submit(() -> compose(row)));
        }
        return built;
    }

    /**
     * The row with its message built (a row sent before keeps the message it was first sent with).
     * Only the message's own fault makes it invalid; anything else (the database down while the
     * crosswalk is read) is thrown, so the lane stops and the row is built again later: an outage is
     * never a dead letter.
     */
    Composed compose(OutboxRow row) {
        if (row.hl7() != null) {
            return new Composed(row, false, null);
        }
        try {
            return new Composed(row.withHl7(composer.compose(row.messageType(), row.eventJson(), row.msh10())), false,
                    null);
        } catch (MessageComposer.NeedsLinkage e) {
            return new Composed(row, true, null);
        } catch (PermanentFailure e) {
            return new Composed(row, false, e.reason());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
