package com.patientcobridge.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.preparser.PreParser;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.camel.component.mllp.MllpProtocolConstants;

/**
 * The character set an encoded message declares in MSH-18, read with HAPI's pre-parser and looked up
 * in camel-mllp's table of HL7 names ({@code UNICODE UTF-8}, {@code 8859/1}, ...): every message is
 * turned into bytes, sent, stored as a file and read back in the charset it names, never in the
 * platform's default.
 */
public final class MessageCharset {

    private MessageCharset() {
    }

    /** MSH-18's charset; ASCII when MSH-18 is empty, as HL7 says. */
    public static Charset of(String message) {
        try {
            return named(PreParser.getFields(message, "MSH-18")[0]);
        } catch (HL7Exception e) {
            throw new IllegalArgumentException("MSH-18 names a character set the bridge does not know", e);
        }
    }

    /** The charset of an MSH-18 value ({@code UNICODE UTF-8}); ASCII for none. */
    public static Charset named(String msh18) {
        if (msh18 == null || msh18.isBlank()) {
            return StandardCharsets.US_ASCII;
        }
        try {
            Charset known = MllpProtocolConstants.MSH18_VALUES.get(msh18.strip());
            return known != null ? known : Charset.forName(msh18.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MSH-18 names a character set the bridge does not know", e);
        }
    }

    /** The message's bytes in its own charset. */
    public static byte[] bytes(String message) {
        return message.getBytes(of(message));
    }

    /** Bytes received as a message, decoded in the charset their MSH-18 names (read from the ASCII MSH). */
    public static String decode(byte[] message) {
        String ascii = new String(message, StandardCharsets.ISO_8859_1);
        try {
            return new String(message, of(ascii));
        } catch (IllegalArgumentException e) {
            return new String(message, StandardCharsets.UTF_8);
        }
    }
}
