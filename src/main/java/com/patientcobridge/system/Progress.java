package com.patientcobridge.system;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Progress of long work (a nightly sync, a backfill, staging a large batch): logs records done,
 * rate and time left at most every five seconds, and keeps the latest figures for the operations page.
 */
public final class Progress {

    /** What every running job has done so far, by job name. */
    public static final Map<String, Progress> RUNNING = new ConcurrentHashMap<>();
    private static final long EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final Logger log;
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long lastLog = started;

    /** {@code total} is the expected count, or -1 when unknown. */
    public Progress(Logger log, String what, long total) {
        this.log = log;
        this.what = what;
        this.total = total;
        RUNNING.put(what, this);
    }

    public synchronized void step(long n) {
        done += n;
        long now = System.nanoTime();
        if (now - lastLog >= EVERY_NANOS) {
            lastLog = now;
            log.info("{}: {} done, {}/s{}", what, done, Math.round(rate()), total > 0 ? ", about "
                    + Math.max(0, Math.round((total - done) / Math.max(rate(), 0.001))) + " s left" : "");
        }
    }

    public synchronized long done() {
        return done;
    }

    public long total() {
        return total;
    }

    public synchronized double rate() {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Seconds left at the current rate, or -1 when the total is unknown. */
    public synchronized long secondsLeft() {
        return total <= 0 ? -1 : Math.round((total - done) / Math.max(rate(), 0.001));
    }

    public void close() {
        RUNNING.remove(what, this);
    }
}
