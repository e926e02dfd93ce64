package com.patientcobridge.system;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work that must answer in time, such as a health check's database query: with the database gone,
 * the connection pool waits its whole connection timeout for a connection, and a health check that
 * waits with it reports the outage a minute late.
 */
public final class Deadline {

    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bridge-deadline");
        t.setDaemon(true);
        return t;
    });

    private Deadline() {
    }

    /** The work's result, or empty when it failed or did not finish within {@code limit}. */
    public static <T> Optional<T> within(Duration limit, Callable<T> work) {
        Future<T> running = CHECKS.submit(work);
        try {
            return Optional.ofNullable(running.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            running.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return Optional.empty();
        }
    }
}
