package com.patientcobridge.patientco;

import java.util.Optional;

/**
 * A job's lock across every node, found in the Camel registry (in the bridge, {@code schedule.JobLocks},
 * a PostgreSQL advisory lock), so that a job never overlaps itself. Without one, a process only
 * keeps its own runs from overlapping.
 */
public interface RunLocks {

    /** The lock of {@code job}, or empty when another node holds it. */
    Optional<Held> tryTake(String job);

    /** A lock held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
