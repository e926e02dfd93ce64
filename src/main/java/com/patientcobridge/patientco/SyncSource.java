package com.patientcobridge.patientco;

import java.time.Instant;

/**
 * Something a job runs: a {@code patientco:} consumer that reads one resource incrementally.
 * Manual runs, backfills and the once-mode call it directly; schedules call it through Quartz.
 */
public interface SyncSource {

    /** The job name, the resource path ({@code payments}, {@code payment-plans}). */
    String job();

    /**
     * Reads now, synchronously, from the watermark or, for a backfill, from {@code backfillFrom}
     * (null for a normal run). A run that is already going on is not started twice.
     */
    RunResult runNow(String trigger, Instant backfillFrom);

    /** What a run did. */
    record RunResult(long runId, int fetched, int deadLettered, boolean alreadyRunning) {
    }
}
