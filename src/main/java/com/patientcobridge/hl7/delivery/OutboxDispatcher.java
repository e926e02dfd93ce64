package com.patientcobridge.hl7.delivery;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.hl7.MessageComposer;
import com.patientcobridge.schedule.SendWindow;
import com.patientcobridge.system.BridgeHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the outbox to the EHR: one thread and one MLLP connection per lane, each lane owned by
 * one node at a time through a PostgreSQL advisory lock, rows in id order with order per
 * guarantor kept. ACKs decide each row's fate; the same MSH-10 is used on every resend.
 */
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final long LOCK_BASE = 0x5043_4200L;
    /** Accepted messages a lane may have sent and not yet recorded (see {@link AckWriter}). */
    public static final int ACK_WINDOW = 100;

    private final DataSource dataSource;
    private final OutboxRows rows;
    private final MessageComposer composer;
    private final ObjectProvider<CamelContext> camelProvider;
    private final String mllpUri;
    private final DeliveryPolicy policy;
    private final SendWindow window;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile MeterRegistry meters;
    private volatile BatchFiles files;

    public OutboxDispatcher(DataSource dataSource, OutboxRows rows, MessageComposer composer, ObjectProvider<CamelContext> camel,
            String mllpUri, DeliveryPolicy policy, SendWindow window) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.composer = composer;
        this.camelProvider = camel;
        this.mllpUri = mllpUri;
        this.policy = policy;
        this.window = window;
    }

    /** Looked up when needed: a lifecycle dependency on Camel would start it before its routes are added. */
    private CamelContext camel() {
        return camelProvider.getObject();
    }

    /** Writes HL7 batch files instead of sending over MLLP ({@code ehr.delivery=file}). */
    public void writeFiles(BatchFiles batchFiles) {
        this.files = batchFiles;
    }

    /** Counts messages sent, acknowledged and rejected per flow as {@code bridge.hl7.messages}. */
    public void meterWith(MeterRegistry registry) {
        this.meters = registry;
    }

    private void count(OutboxRow row, String outcome) {
        MeterRegistry registry = meters;
        if (registry != null) {
            registry.counter("bridge.hl7.messages", "flow", row.flow(), "type", row.messageType(), "outcome", outcome)
                    .increment();
        }
    }

    /** Wakes the lanes: new rows were committed. */
    public void nudge() {
        wake.release(policy.lanes());
    }

    @Override
    public void start() {
        running = true;
        for (int lane = 0; lane < policy.lanes(); lane++) {
            int l = lane;
            Thread t = new Thread(() -> runLane(l), "ehr-lane-" + lane);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        LOG.info("Outbox dispatcher started: {} lanes to {}", policy.lanes(), mllpUri.replaceAll("\\?.*", ""));
    }

    @Override
    public void stop() {
        running = false;
        nudge();
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After Camel (which starts in the default phase), so the MLLP component is ready.
        return Integer.MAX_VALUE - 100;
    }

    private void runLane(int lane) {
        while (running) {
            try (Connection lock = dataSource.getConnection(); MllpLink link = new MllpLink(camel(), mllpUri)) {
                if (!tryLock(lock, lane)) {
                    pause(2000);
                    continue;
                }
                LOG.info("Lane {} is sending from this node", lane);
                new Lane(lane, link).run();
            } catch (Exception e) {
                LOG.warn("Lane {} stopped ({}); starting again", lane, e.toString());
                pause(1000);
            }
        }
    }

    private static boolean tryLock(Connection c, int lane) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, LOCK_BASE + lane);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void pause(long millis) {
        try {
            wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One lane's loop while this node holds its lock. */
    private final class Lane {
        private final int lane;
        private final MllpLink link;
        private AckWriter acks;
        private RowComposer builder;

        Lane(int lane, MllpLink link) {
            this.lane = lane;
            this.link = link;
        }

        void run() throws InterruptedException {
            try (AckWriter writer = new AckWriter(rows::acked, ACK_WINDOW, "ehr-lane-" + lane + "-acks");
                    RowComposer composing = new RowComposer(composer, "ehr-lane-" + lane + "-build")) {
                acks = writer;
                builder = composing;
                while (running) {
                    if (window != null && !window.open(Instant.now())) {
                        pause(1000);
                        continue;
                    }
                    List<OutboxRow> batch = rows.next(lane, 500);
                    if (batch.isEmpty()) {
                        pause(200);
                        continue;
                    }
                    if (files != null) {
                        toFile(batch);
                        continue;
                    }
                    List<java.util.concurrent.Future<RowComposer.Composed>> built = builder.ahead(batch);
                    java.util.Set<String> stalled = new java.util.HashSet<>();
                    for (int i = 0; i < batch.size(); i++) {
                        OutboxRow row = batch.get(i);
                        if (!running || stalled.contains(row.orderKey())) {
                            continue;
                        }
                        if (!deliver(awaitBuilt(built.get(i)))) {
                            stalled.add(row.orderKey());
                        }
                    }
                    // The next read must see this batch's rows as acked.
                    acks.drain();
                }
                acks.drain();
            }
        }

        /**
         * File mode: the lane's rows that can be built go into one batch file; each is then recorded
         * as delivered. A row of a guarantor whose earlier row failed to build waits, as over MLLP.
         */
        void toFile(List<OutboxRow> batch) {
            List<OutboxRow> ready = new ArrayList<>();
            java.util.Set<String> stalled = new java.util.HashSet<>();
            for (OutboxRow row : batch) {
                if (stalled.contains(row.orderKey())) {
                    continue;
                }
                OutboxRow built = settle(builder.compose(row));
                if (built == null) {
                    stalled.add(row.orderKey());
                } else if (built.hl7() != null) {
                    ready.add(built);
                }
            }
            if (ready.isEmpty()) {
                pause(200);
                return;
            }
            String file = files.write(lane, ready.stream().map(OutboxRow::hl7).toList());
            java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
            rows.acked(ready.stream().map(row -> new OutboxRows.Delivered(row, 0, now, "FILE", "written to " + file,
                    mrn(row.hl7()))).toList());
            ready.forEach(row -> count(row, "acked"));
        }

        private RowComposer.Composed awaitBuilt(java.util.concurrent.Future<RowComposer.Composed> composed)
                throws InterruptedException {
            try {
                return composed.get();
            } catch (java.util.concurrent.ExecutionException e) {
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
                rows.needsLinkage(row.id());
            } else if (composed.invalid() != null) {
                die(row, "INVALID", composed.invalid(), null);
                return null;
            }
            return row;
        }

        /**
         * Sends one row; false when it is not done yet (later rows of its guarantor must wait). An
         * accepted message goes to the ACK writer; any other answer is recorded here and now, after
         * the accepted ones before it.
         */
        boolean deliver(RowComposer.Composed composed) throws InterruptedException {
            OutboxRow row = settle(composed);
            if (row == null) {
                return false;
            }
            String hl7 = row.hl7();
            if (hl7 == null) {
                return true;
            }
            int resends = 0;
            while (running) {
                count(row, "sent");
                java.sql.Timestamp sentAt = new java.sql.Timestamp(System.currentTimeMillis());
                MllpLink.Reply reply = link.send(hl7);
                if (("AA".equals(reply.code()) || "CA".equals(reply.code())) && row.msh10().equals(reply.msa2())) {
                    acks.add(new OutboxRows.Delivered(row, resends, sentAt, reply.code(), reply.ack(), mrn(hl7)));
                    count(row, "acked");
                    return true;
                }
                acks.drain();
                rows.sending(row, resends > 0);
                switch (reply.code()) {
                    case "AA", "CA" -> {
                        LOG.warn("Outbox {}: ACK for {} does not match MSH-10 {}; resetting the connection",
                                row.id(), reply.msa2(), row.msh10());
                        link.reset();
                        resends++;
                    }
                    case "TIMEOUT" -> {
                        if (++resends > policy.maxTimeoutResends()) {
                            link.reset();
                            rows.retryLater(row, null, "ACK timeout", policy.backoffMillis(resends));
                            return false;
                        }
                        LOG.info("Outbox {}: no ACK in time, resending with the same MSH-10", row.id());
                    }
                    case "AE", "CE" -> {
                        count(row, "rejected");
                        if (row.attempts() + 1 > policy.maxErrorRetries()) {
                            die(row, reply.code(), "AE from EHR after " + (row.attempts() + 1) + " attempts: "
                                    + text(reply), reply.ack());
                        } else {
                            rows.retryLater(row, reply.code(), text(reply), policy.backoffMillis(row.attempts() + 1));
                        }
                        return false;
                    }
                    case "AR", "CR" -> {
                        count(row, "rejected");
                        die(row, reply.code(), "AR from EHR: " + text(reply), reply.ack());
                        return false;
                    }
                    default -> {
                        // EHR down or unreadable answer: keep it, try again later; nothing is dropped.
                        rows.retryLater(row, null, reply.text(), policy.backoffMillis(Math.min(row.attempts() + 1, 8)));
                        return false;
                    }
                }
            }
            return false;
        }

        private void die(OutboxRow row, String code, String reason, String ack) {
            rows.dead(row, code, reason, ack);
            deadLetter(row, reason);
        }
    }

    /** Rows that waited for an MRN longer than the wait are dead-lettered, visible for a person to link and replay. */
    public int expireLinkage(java.time.Duration wait) {
        List<OutboxRow> expired = rows.expireLinkage(wait);
        for (OutboxRow row : expired) {
            deadLetter(row, "missing linkage past its wait: patient " + row.patientId() + " has no MRN after " + wait);
        }
        return expired.size();
    }

    private void deadLetter(OutboxRow row, String reason) {
            LOG.warn("Outbox {} ({}) dead-lettered: {}", row.id(), row.msh10(), reason);
            CamelContext camel = camel();
            Exchange dead = new DefaultExchange(camel);
            dead.getIn().setBody(String.valueOf(row.id()));
            dead.getIn().setHeader(BridgeHeaders.FLOW, row.flow());
            dead.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, row.eventKey());
            dead.getIn().setHeader(BridgeHeaders.ORDER_KEY, row.orderKey());
            dead.getIn().setHeader("BridgeOutboxId", row.id());
            dead.getIn().setHeader(BridgeHeaders.RUN_ID, row.runId());
            dead.setProperty(Exchange.EXCEPTION_CAUGHT, new PermanentFailure(row.eventKey(), reason));
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                template.send("direct:dead-letter", dead);
            } catch (Exception e) {
                LOG.error("Could not record the dead letter of outbox {}: {}", row.id(), e.toString());
            }
    }

    private static String text(MllpLink.Reply reply) {
        return reply.text() == null || reply.text().isBlank() ? "(no text)" : reply.text();
    }

    /** PID-3's first id, for the message store's MRN search (kept in the database, never logged). */
    static String mrn(String hl7) {
        try {
            return ca.uhn.hl7v2.preparser.PreParser.getFields(hl7, "PID-3-1")[0];
        } catch (ca.uhn.hl7v2.HL7Exception e) {
            return null;
        }
    }
}
