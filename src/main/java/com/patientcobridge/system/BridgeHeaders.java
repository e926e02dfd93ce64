package com.patientcobridge.system;

/** Exchange headers every flow uses, so dead letters, run history and the outbox can say where a record came from. */
public final class BridgeHeaders {

    /** The Patientco resource a record was read from ({@code payments}). */
    public static final String RESOURCE = "PatientcoResource";
    /** The Patientco id of the record ({@code pay_...}). */
    public static final String PATIENTCO_ID = "PatientcoId";
    /** The record's {@code updatedAt}. */
    public static final String UPDATED_AT = "PatientcoUpdatedAt";
    /** The bridge.job_run id of the run that read the record. */
    public static final String RUN_ID = "BridgeRunId";
    /** The flow (route id) a dead letter belongs to. */
    public static final String FLOW = "BridgeFlow";
    /** Messages with the same order key are processed and sent in order (the guarantor). */
    public static final String ORDER_KEY = "BridgeOrderKey";
    /** Where a replayed dead letter's payload is sent again ({@code direct:payment-records}). */
    public static final String REPLAY_URI = "BridgeReplayUri";
    /** Set on an exchange that is a replay of the dead letter with this id. */
    public static final String REPLAY_OF = "BridgeReplayOf";

    private BridgeHeaders() {
    }
}
