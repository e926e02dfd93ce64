package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.MessageComposer;
import com.patientcobridge.schedule.SendWindow;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's loop while this node holds its lock: reads its next rows, builds them ahead on a
 * thread of its own, sends each and acts on the answer ({@link AckVerdict}), in id order, a
 * guarantor's later rows waiting while an earlier one is not done. Accepted messages go to the ACK
 * writer, which records them while the next are sent. In file mode the rows go into batch files.
 */
final class Lane {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    /** Rows a lane reads at a time. */
    static final int READ = 500;

    /** What a lane shares with the dispatcher. */
    record Parts(OutboxRows rows, MessageComposer composer, DeliveryPolicy policy, SendWindow window,
            BatchFiles files, DeliveryMeters meters, OutboxDeadLetters deadLetters, BooleanSupplier running,
            LongConsumer pause) {
    }

    private final int lane;
    private final MllpLink link;
    private final Parts parts;
    private AckWriter acks;
    private RowComposer builder;

    Lane(int lane, MllpLink link, Parts parts) {
        this.lane = lane;
        this.link = link;
        this.parts = parts;
    }

    void run() throws InterruptedException {
        try (AckWriter writer = new AckWriter(parts.rows()::acked, OutboxDispatcher.ACK_WINDOW,
                OutboxDispatcher.ACK_LINGER, "ehr-lane-" + lane + "-acks");
                RowComposer composing = new RowComposer(parts.composer(), "ehr-lane-" + lane + "-build")) {
            acks = writer;
            builder = composing;
            while (parts.running().getAsBoolean()) {
                if (parts.window() != null && !parts.window().open(Instant.now())) {
                    parts.pause().accept(1000);
                    continue;
                }
                List<OutboxRow> batch = parts.rows().next(lane, READ);
                if (batch.isEmpty()) {
                    parts.pause().accept(200);
                } else if (parts.files() != null) {
                    toFile(batch);
                } else {
                    send(batch);
                }
            }
            acks.drain();
        }
    }

    private void send(List<OutboxRow> batch) throws InterruptedException {
        List<Future<RowComposer.Composed>> built = builder.ahead(batch);
        Set<String> stalled = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            OutboxRow row = batch.get(i);
            if (!parts.running().getAsBoolean() || stalled.contains(row.orderKey())) {
                continue;
            }
            if (!deliver(awaitBuilt(built.get(i)))) {
                stalled.add(row.orderKey());
            }
        }
        // The next read must see this batch's rows as acked.
        acks.drain();
    }

    /**
     * File mode: the rows that can be built go into one batch file; each is then recorded as
     * delivered. A row of a guarantor whose earlier row failed to build waits, as over MLLP.
     */
    private void toFile(List<OutboxRow> batch) {
        List<OutboxRow> ready = new ArrayList<>();
        java.util.Map<Long, String> mrns = new java.util.HashMap<>();
        Set<String> stalled = new HashSet<>();
        for (OutboxRow row : batch) {
            if (stalled.contains(row.orderKey())) {
                continue;
            }
            RowComposer.Composed composed = builder.compose(row);
            mrns.put(row.id(), composed.mrn());
            OutboxRow built = settle(composed);
            if (built == null) {
                stalled.add(row.orderKey());
            } else if (built.hl7() != null) {
                ready.add(built);
            }
        }
        if (ready.isEmpty()) {
            parts.pause().accept(200);
            return;
        }
        String file = parts.files().write(lane, ready.stream().map(OutboxRow::hl7).toList());
        Timestamp now = new Timestamp(System.currentTimeMillis());
        parts.rows().acked(ready.stream().map(row -> new OutboxRows.Delivered(row, 0, now, "FILE", "written to " + file,
                mrns.get(row.id()))).toList());
        ready.forEach(row -> parts.meters().count(row, "acked"));
    }

    private static RowComposer.Composed awaitBuilt(Future<RowComposer.Composed> composed) throws InterruptedException {
        try {
            return composed.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("building a message failed", e.getCause());
        }
    }

    /**
     * Acts on a row's build: the row with its message; the row without one when it waits for an
     * MRN (marked needs_linkage); null when it cannot be built (dead-lettered).
     */
    private OutboxRow settle(RowComposer.Composed composed) {
        OutboxRow row = composed.row();
        if (composed.needsLinkage()) {
            parts.rows().needsLinkage(row.id());
        } else if (composed.invalid() != null) {
            parts.deadLetters().die(row, "INVALID", composed.invalid(), null);
            return null;
        }
        return row;
    }

    /**
     * Sends one row; false when it is not done yet (later rows of its guarantor must wait). An
     * accepted message goes to the ACK writer; any other answer is recorded here and now, after the
     * accepted ones before it.
     */
    private boolean deliver(RowComposer.Composed composed) throws InterruptedException {
        OutboxRow row = settle(composed);
        if (row == null) {
            return false;
        }
        String hl7 = row.hl7();
        if (hl7 == null) {
            return true;
        }
        byte[] bytes = hl7.getBytes(composed.charset());
        int resends = 0;
        while (parts.running().getAsBoolean()) {
            parts.meters().count(row, "sent");
            Timestamp sentAt = new Timestamp(System.currentTimeMillis());
            MllpLink.Reply reply = link.send(bytes, composed.charset());
            AckVerdict verdict = AckVerdict.of(row, reply, resends, parts.policy());
            if (verdict.action() == AckVerdict.Action.ACCEPTED) {
                acks.add(new OutboxRows.Delivered(row, resends, sentAt, reply.code(), reply.ack(), composed.mrn()));
                parts.meters().count(row, "acked");
                return true;
            }
            acks.drain();
            parts.rows().sending(row, resends > 0);
            if (verdict.rejected()) {
                parts.meters().count(row, "rejected");
            }
            if (verdict.resetConnection()) {
                LOG.warn("Outbox {}: {}; resetting the connection", row.id(), verdict.reason());
                link.reset();
            }
            switch (verdict.action()) {
                case RESEND -> {
                    resends++;
                    LOG.info("Outbox {}: {}, resending with the same MSH-10", row.id(), verdict.reason());
                }
                case RETRY_LATER -> {
                    parts.rows().retryLater(row, verdict.code(), verdict.reason(), verdict.backoffMillis());
                    return false;
                }
                case DEAD -> {
                    parts.deadLetters().die(row, verdict.code(), verdict.reason(), reply.ack());
                    return false;
                }
                default -> throw new IllegalStateException("unexpected verdict " + verdict.action());
            }
        }
        return false;
    }
}
