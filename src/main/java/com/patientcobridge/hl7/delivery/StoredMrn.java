package com.patientcobridge.hl7.delivery;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.preparser.PreParser;

/** PID-3's first id, read by HAPI's pre-parser, for the message store's MRN search (kept in the database, never logged). */
final class StoredMrn {

    private StoredMrn() {
    }

    static String of(String hl7) {
        try {
            return PreParser.getFields(hl7, "PID-3-1")[0];
        } catch (HL7Exception e) {
            return null;
        }
    }
}
