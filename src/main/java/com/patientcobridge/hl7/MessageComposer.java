package com.patientcobridge.hl7;

import com.patientcobridge.failure.PermanentFailure;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the encoded HL7 message for outbox rows, with their MSH-10s, from the stored event JSON
 * and the crosswalk, validated by HAPI as it encodes. A row's message may be invalid (its own fault:
 * {@link Built#invalid()}) or wait for its patient's MRN ({@link Built#needsLinkage()}); anything
 * else (the crosswalk unreadable) is thrown, and nothing of the batch is built.
 */
public interface MessageComposer {

    /** One row to build. */
    record Request(String messageType, String payloadJson, String msh10) {
    }

    /**
     * What a row's build gave: the message with the MRN in its PID-3 and the charset its MSH-18
     * names; or that it waits for an MRN; or why it is invalid.
     */
    record Built(String hl7, String mrn, Charset charset, boolean needsLinkage, String invalid) {

        public static Built message(String hl7, String mrn, Charset charset) {
            return new Built(hl7, mrn, charset, false, null);
        }

        public static Built waitingForLinkage() {
            return new Built(null, null, null, true, null);
        }

        public static Built invalid(String reason) {
            return new Built(null, null, null, false, reason);
        }
    }

    /** Builds the rows, in order, with one crosswalk lookup for all of them. */
    default List<Built> composeAll(List<Request> requests) {
        List<Built> built = new ArrayList<>(requests.size());
        for (Request r : requests) {
            try {
                String hl7 = compose(r.messageType(), r.payloadJson(), r.msh10());
                built.add(Built.message(hl7, null, MessageCharset.of(hl7)));
            } catch (NeedsLinkage e) {
                built.add(Built.waitingForLinkage());
            } catch (PermanentFailure e) {
                built.add(Built.invalid(e.reason()));
            }
        }
        return built;
    }

    /** One row's message; throws {@link PermanentFailure} when invalid, {@link NeedsLinkage} without an MRN. */
    String compose(String messageType, String payloadJson, String msh10);

    /** The patient has no MRN in the crosswalk yet: the message waits in needs_linkage. */
    final class NeedsLinkage extends RuntimeException {
        public NeedsLinkage(String patientId) {
            super("Patient " + patientId + " has no MRN in the crosswalk yet");
        }
    }
}
