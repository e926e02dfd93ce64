package com.patientcobridge.hl7.inbound;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.hl7.MessageCharset;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acknowledgements the bridge sends back, made by HAPI: for a message HAPI could read, its own
 * {@code generateACK} (MSH swapped, MSA-2 = its MSH-10); for one it could not, an AR of its own.
 * MSA-3 and ERR carry a plain reason, never a class name or a value of the message.
 */
public final class Acks {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Acks() {
    }

    /** The ACK of a parsed message: AA without a reason, AE or AR with it. */
    public static String of(Message message, AcknowledgmentCode code, String reason) {
        try {
            Message ack = code == AcknowledgmentCode.AA ? message.generateACK()
                    : message.generateACK(code, new HL7Exception(reason, code == AcknowledgmentCode.AR
                            ? ErrorCode.UNSUPPORTED_MESSAGE_TYPE : ErrorCode.APPLICATION_INTERNAL_ERROR));
            if (reason != null) {
                new Terser(ack).set("MSA-3", reason);
            }
            return ack.encode();
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("HAPI could not make an acknowledgement", e);
        }
    }

    /** An AR for bytes that are not a message HAPI can read (no MSH, an empty frame, another protocol). */
    public static String reject(String reason) {
        try {
            ACK ack = new ACK();
            MSH msh = ack.getMSH();
            msh.getFieldSeparator().setValue("|");
            msh.getEncodingCharacters().setValue("^~\\&");
            msh.getSendingApplication().getNamespaceID().setValue("PATIENTCO-BRIDGE");
            msh.getDateTimeOfMessage().getTime().setValue(TS.format(Instant.now()));
            msh.getMessageType().getMessageCode().setValue("ACK");
            msh.getMessageType().getMessageStructure().setValue("ACK");
            msh.getMessageControlID().setValue("PCBACK" + SEQUENCE.incrementAndGet());
            msh.getProcessingID().getProcessingID().setValue("P");
            msh.getVersionID().getVersionID().setValue("2.5.1");
            msh.getCharacterSet(0).setValue("UNICODE UTF-8");
            ack.getMSA().getAcknowledgmentCode().setValue(AcknowledgmentCode.AR.name());
            ack.getMSA().getTextMessage().setValue(reason);
            return ack.encode();
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI could not make an acknowledgement", e);
        }
    }

    /** The ACK's bytes, in the charset its MSH-18 names (the message's own, as HAPI copies it). */
    public static byte[] bytes(String ack) {
        return MessageCharset.bytes(ack);
    }
}
