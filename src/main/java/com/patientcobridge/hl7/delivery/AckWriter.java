package com.patientcobridge.hl7.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records a lane's accepted messages on a thread of its own, so the lane sends the next message
 * while the last one's ACK is being written: the database is off the round trip. A write takes
 * everything waiting, in one statement, once half the window waits, the lane asks for it
 * ({@link #drain()}), or the first of them has waited {@code linger}: a few writes per page of
 * messages rather than one per message or two. At most {@code window} messages wait, and as many are
 * being written; after a crash those are the ones sent again, with the same MSH-10, which the EHR
 * drops as a duplicate.
 */
final class AckWriter implements AutoCloseable {

    private final Consumer<List<OutboxRows.Delivered>> record;
    private final int window;
    private final long lingerNanos;
    private final List<OutboxRows.Delivered> waiting = new ArrayList<>();
    private long firstWaitingAt;
    private int drains;
    private final Thread thread;
    private boolean writing;
    private boolean closed;
    private RuntimeException failure;

    /** {@code record} writes a batch of accepted messages (in the bridge, {@link OutboxRows#acked(List)}). */
    AckWriter(Consumer<List<OutboxRows.Delivered>> record, int window, java.time.Duration linger, String name) {
        this.record = record;
        this.window = window;
        this.lingerNanos = linger.toNanos();
        this.thread = new Thread(this::writeLoop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands over an accepted message; waits while the window is full. */
    synchronized void add(OutboxRows.Delivered delivered) throws InterruptedException {
        while (waiting.size() >= window && failure == null) {
            wait();
        }
        throwIfFailed();
        if (waiting.isEmpty()) {
            firstWaitingAt = System.nanoTime();
        }
        waiting.add(delivered);
        if (waiting.size() == 1 || waiting.size() >= window / 2) {
            notifyAll();
        }
    }

    /** Returns when everything handed over is recorded; throws if recording failed. */
    synchronized void drain() throws InterruptedException {
        drains++;
        notifyAll();
        try {
            while ((writing || !waiting.isEmpty()) && failure == null) {
                wait();
            }
        } finally {
            drains--;
        }
        throwIfFailed();
    }

    /** Whether what waits is to be written now; else how long until it is (nanoseconds). */
    private long untilDue() {
        if (closed || drains > 0 || waiting.size() >= window / 2) {
            return 0;
        }
        return Math.max(0, firstWaitingAt + lingerNanos - System.nanoTime());
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw new IllegalStateException("recording accepted messages failed: " + failure.getMessage(), failure);
        }
    }

    private void writeLoop() {
        while (true) {
            List<OutboxRows.Delivered> batch;
            synchronized (this) {
                try {
                    while (waiting.isEmpty() && !closed) {
                        wait();
                    }
                    for (long due = untilDue(); due > 0 && !waiting.isEmpty(); due = untilDue()) {
                        wait(due / 1_000_000, (int) (due % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(waiting);
                waiting.clear();
                writing = true;
                notifyAll();
            }
            RuntimeException failed = null;
            try {
                record.accept(batch);
            } catch (RuntimeException e) {
                failed = e;
            }
            synchronized (this) {
                writing = false;
                failure = failed;
                notifyAll();
                if (failed != null) {
                    return;
                }
            }
        }
    }

    /** Writes what is waiting, then stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
