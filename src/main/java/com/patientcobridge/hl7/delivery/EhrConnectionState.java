package com.patientcobridge.hl7.delivery;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Whether the EHR's MLLP listener accepts a connection, and since when: probed every five
 * seconds (every second while down) once the application has started, for the operations page
 * ("down since 02:10").
 */
public class EhrConnectionState implements SmartLifecycle {

    private final DeliveryConfig.EhrTarget target;
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ehr-connection-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile State state;
    private volatile boolean running;

    /** The connection as last probed: where, up or down, since when, and the error when down. */
    public record State(String connection, String address, boolean up, Instant since, Instant checkedAt,
            String error) {
    }

    EhrConnectionState(DeliveryConfig.EhrTarget target) {
        this.target = target;
        state = new State(DeliveryControl.EHR, target.host() + ":" + target.port(), false, Instant.now(), null,
                "not probed yet");
    }

    @Override
    public void start() {
        if (target != null && !running) {
            probeNow();
            probe.scheduleWithFixedDelay(this::probeWhenDue, 1, 1, TimeUnit.SECONDS);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        probe.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // With the outbox dispatcher; a probe before Camel has started the local receiver is taken again a second later.
        return Integer.MAX_VALUE - 100;
    }

    /** File delivery ({@code ehr.delivery=file}): no connection to probe; the folder is where messages go. */
    static EhrConnectionState files(String folder) {
        return new EhrConnectionState(folder);
    }

    private EhrConnectionState(String folder) {
        this.target = null;
        probe.shutdown();
        state = new State(DeliveryControl.EHR, "files in " + folder, true, Instant.now(), Instant.now(), null);
    }

    public State state() {
        return state;
    }

    /** Every five seconds while up; every second while down, so a listener that comes back shows at once. */
    private void probeWhenDue() {
        State last = state;
        if (last.checkedAt() == null || !last.up()
                || java.time.Duration.between(last.checkedAt(), Instant.now()).toSeconds() >= 5) {
            probeNow();
        }
    }

    final void probeNow() {
        String error = target.unreachable();
        boolean up = error == null;
        Instant now = Instant.now();
        State last = state;
        Instant since = last != null && last.checkedAt() != null && last.up() == up ? last.since() : now;
        state = new State(DeliveryControl.EHR, target.host() + ":" + target.port(), up, since, now, error);
    }
}
