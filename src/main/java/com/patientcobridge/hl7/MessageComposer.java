package com.patientcobridge.hl7;

/**
 * Builds the encoded HL7 message for an outbox row, with its MSH-10, from the stored event JSON
 * and the crosswalk; parses it back and validates it before it leaves. Throws
 * {@link com.patientcobridge.failure.PermanentFailure} when the message cannot be made valid,
 * and {@link NeedsLinkage} when the patient has no MRN yet.
 */
public interface MessageComposer {

    String compose(String messageType, String payloadJson, String msh10);

    /** The patient has no MRN in the crosswalk yet: the message waits in needs_linkage. */
    final class NeedsLinkage extends RuntimeException {
        public NeedsLinkage(String patientId) {
            super("Patient " + patientId + " has no MRN in the crosswalk yet");
        }
    }
}
