package com.patientcobridge.hl7;

import java.util.List;

/**
 * A business event to be sent to the EHR as one HL7 message.
 *
 * @param eventKey     (resource id, transition), e.g. {@code refund:ref_1:completed}; unique for life
 * @param flow         the route id of the flow that decided it
 * @param messageType  {@code DFT^P03}, {@code ADT^A04}, {@code ADT^A08}, {@code ADT^A31}
 * @param orderKey     messages with one order key are sent in order (the guarantor id)
 * @param paymentId    the Patientco payment, if any
 * @param patientcoIds every Patientco id the message carries, for search
 * @param patientId    the Patientco patient whose MRN PID-3 needs (null for batch postings)
 * @param batchId      the settlement batch, if any
 * @param payload      the record the message is built from ({@code FinancialEvent}, an account event, a batch)
 * @param amount       the amount the message posts (null for ADT), kept beside it for reconciliation
 * @param runId        the job run that produced it, or null
 */
public record OutboundEvent(String eventKey, String flow, String messageType, String orderKey, String paymentId,
        List<String> patientcoIds, String patientId, String batchId, Object payload, java.math.BigDecimal amount,
        Long runId) {
}
