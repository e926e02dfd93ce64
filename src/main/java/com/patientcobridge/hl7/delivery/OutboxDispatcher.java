package com.patientcobridge.hl7.delivery;

import com.patientcobridge.hl7.MessageComposer;
import com.patientcobridge.schedule.SendWindow;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the outbox to the EHR: one thread and one MLLP connection per lane ({@link Lane}), each
 * lane owned by one node at a time through a PostgreSQL advisory lock, started and stopped with
 * the application.
 */
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final long LOCK_BASE = 0x5043_4200L;
    /** Accepted messages a lane may have sent and not yet recorded (see {@link AckWriter}). */
    public static final int ACK_WINDOW = 100;
    /** How long an accepted message may wait for others to be recorded with (see {@link AckWriter}). */
    static final Duration ACK_LINGER = Duration.ofMillis(50);

    private final DataSource dataSource;
    private final OutboxRows rows;
    private final MessageComposer composer;
    private final ObjectProvider<CamelContext> camelProvider;
    private final String mllpUri;
    private final DeliveryPolicy policy;
    private final SendWindow window;
    private final DeliveryMeters meters = new DeliveryMeters();
    private final OutboxDeadLetters deadLetters;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
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
        this.deadLetters = new OutboxDeadLetters(rows, this::camel);
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
        meters.use(registry);
    }

    /** Wakes the lanes: new rows were committed. */
    public void nudge() {
        wake.release(policy.lanes());
    }

    /** Rows that waited for an MRN longer than the wait are dead-lettered, visible for a person to link and replay. */
    public int expireLinkage(Duration wait) {
        return deadLetters.expireLinkage(wait);
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
        Lane.Parts parts = new Lane.Parts(rows, composer, policy, window, files, meters, deadLetters, () -> running,
                this::pause);
        while (running) {
            try (Connection lock = dataSource.getConnection(); MllpLink link = new MllpLink(camel(), mllpUri)) {
                if (!tryLock(lock, lane)) {
                    pause(2000);
                    continue;
                }
                LOG.info("Lane {} is sending from this node", lane);
                new Lane(lane, link, parts).run();
            } catch (Exception e) {
                LOG.warn("Lane {} stopped ({}); starting again", lane, e.toString());
                pause(1000);
            }
        }
    }

    /** The lane's advisory lock, held on its own connection while the lane runs here. */
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
}
