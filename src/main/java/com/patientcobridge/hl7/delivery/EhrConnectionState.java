package com.patientcobridge.hl7.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the EHR's MLLP listener accepts a connection, and since when: probed every five
 * seconds, for the operations page ("down since 02:10").
 */
public class EhrConnectionState implements AutoCloseable {

    private final DeliveryConfig.EhrTarget target;
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ehr-connection-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile State state;

    /** The connection as last probed: where, up or down, since when, and the error when down. */
    public record State(String connection, String address, boolean up, Instant since, Instant checkedAt,
            String error) {
    }

    EhrConnectionState(DeliveryConfig.EhrTarget target) {
        this.target = target;
        probeNow();
        probe.scheduleWithFixedDelay(this::probeNow, 5, 5, TimeUnit.SECONDS);
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

    final void probeNow() {
        String error = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), 2000);
        } catch (IOException e) {
            error = e.getClass().getSimpleName();
        }
        boolean up = error == null;
        Instant now = Instant.now();
        State last = state;
        Instant since = last != null && last.up() == up ? last.since() : now;
        state = new State(DeliveryControl.EHR, target.host() + ":" + target.port(), up, since, now, error);
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
