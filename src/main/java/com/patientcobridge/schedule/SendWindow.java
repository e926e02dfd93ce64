package com.patientcobridge.schedule;

import java.time.Instant;

/** Whether the EHR may be sent to now; closed during a blackout (EHR downtime): work waits, nothing is dropped. */
@FunctionalInterface
public interface SendWindow {

    boolean open(Instant now);
}
