package com.patientcobridge.hl7.delivery;

/** One outbox row as the dispatcher sends it. */
record OutboxRow(long id, String eventKey, String flow, String messageType, String orderKey, String[] patientcoIds,
        String patientId, String batchId, String msh10, String eventJson, String hl7, String status, int attempts,
        Long runId) {

    /** The same row with its message built. */
    OutboxRow withHl7(String message) {
        return new OutboxRow(id, eventKey, flow, messageType, orderKey, patientcoIds, patientId, batchId, msh10, eventJson,
                message, status, attempts, runId);
    }
}
