package com.patientcobridge.hl7.delivery;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.preparser.PreParser;

/**
 * MSH-9's type and trigger as built ({@code ADT^A04}), read by HAPI's pre-parser: the outbox
 * knows an ADT row only as {@code ADT} until the composer has chosen its event.
 */
final class SentType {

    private SentType() {
    }

    static String of(String hl7) {
        if (hl7 == null) {
            return null;
        }
        try {
            String[] f = PreParser.getFields(hl7, "MSH-9-1", "MSH-9-2");
            return f[0] == null ? null : f[1] == null || f[1].isEmpty() ? f[0] : f[0] + "^" + f[1];
        } catch (HL7Exception e) {
            return null;
        }
    }
}
