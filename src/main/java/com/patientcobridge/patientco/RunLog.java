package com.patientcobridge.patientco;

/**
 * Where the component records its runs, found in the Camel registry: the application's run history
 * (in the bridge, {@code schedule.JobRuns}). Without one, runs are only logged.
 */
public interface RunLog {

    /** A new run of {@code job}; returns its id. */
    long start(String job, String trigger);

    /** Closes as interrupted the runs of {@code job} a stopped node left open; returns how many. */
    int closeInterrupted(String job);

    /** Adds a page's counts to the run. */
    void counted(long runId, int fetched, int staged, int deadLettered);

    /** The run's dead letters so far, those of its pages and of its later steps. */
    int deadLettered(long runId);

    void finish(long runId, String outcome, String error);
}
