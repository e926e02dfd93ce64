package com.patientcobridge.hl7.delivery;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.preparser.PreParser;
import com.patientcobridge.hl7.MessageCharset;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.component.mllp.MllpAcknowledgementTimeoutException;
import org.apache.camel.component.mllp.MllpApplicationErrorAcknowledgementException;
import org.apache.camel.component.mllp.MllpApplicationRejectAcknowledgementException;
import org.apache.camel.component.mllp.MllpCommitErrorAcknowledgementException;
import org.apache.camel.component.mllp.MllpCommitRejectAcknowledgementException;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.support.DefaultExchange;

/**
 * One lane's MLLP connection to the EHR, through its own camel-mllp producer (so lanes never
 * share a socket), and the reading of what came back.
 */
final class MllpLink implements AutoCloseable {

    /** What the EHR answered: AA/CA, AE/CE, AR/CR, TIMEOUT, or DOWN (no connection). */
    record Reply(String code, String ack, String msa2, String text) {
    }

    private final CamelContext camel;
    private final String uri;
    private Endpoint endpoint;
    private Producer producer;

    MllpLink(CamelContext camel, String uri) {
        this.camel = camel;
        this.uri = uri;
    }

    /** Sends a message in the charset its MSH-18 names. */
    Reply send(String hl7) {
        java.nio.charset.Charset charset = MessageCharset.of(hl7);
        return send(hl7.getBytes(charset), charset);
    }

    /** Sends a message's bytes, encoded in {@code charset} (its MSH-18's), and reads the answer. */
    Reply send(byte[] message, java.nio.charset.Charset charset) {
        try {
            if (producer == null) {
                // A fresh endpoint per lane: Camel caches endpoints by URI, and one endpoint is one socket.
                endpoint = camel.getComponent("mllp").createEndpoint(uri);
                endpoint.start();
                producer = endpoint.createProducer();
                producer.start();
            }
            Exchange exchange = new DefaultExchange(camel);
            // Bytes in MSH-18's charset: camel-mllp would encode a String in its own default (ISO-8859-1).
            exchange.setProperty(org.apache.camel.ExchangePropertyKey.CHARSET_NAME, charset.name());
            exchange.getIn().setBody(message);
            producer.process(exchange);
            String ack = exchange.getMessage().getHeader(MllpConstants.MLLP_ACKNOWLEDGEMENT_STRING, String.class);
            Exception e = exchange.getException();
            if (e instanceof MllpAcknowledgementTimeoutException) {
                return new Reply("TIMEOUT", null, null, "no ACK within the timeout");
            }
            if (e instanceof MllpApplicationRejectAcknowledgementException
                    || e instanceof MllpCommitRejectAcknowledgementException
                    || e instanceof MllpApplicationErrorAcknowledgementException
                    || e instanceof MllpCommitErrorAcknowledgementException) {
                org.apache.camel.component.mllp.MllpException m = (org.apache.camel.component.mllp.MllpException) e;
                String a = ack != null ? ack : m.hasHl7AcknowledgementBytes()
                        ? MessageCharset.decode(m.getHl7AcknowledgementBytes()) : null;
                return parse(a);
            }
            if (e != null) {
                reset();
                return new Reply("DOWN", null, null, e.getClass().getSimpleName());
            }
            return parse(ack);
        } catch (Exception e) {
            reset();
            return new Reply("DOWN", null, null, e.getClass().getSimpleName());
        }
    }

    /** MSA-1, MSA-2 and MSA-3's text, read by HAPI's pre-parser (no model is built for an ACK). */
    static Reply parse(String ack) {
        if (ack == null || ack.isEmpty()) {
            return new Reply("DOWN", ack, null, "empty acknowledgement");
        }
        try {
            String[] msa = PreParser.getFields(ack.replace('\n', '\r'), "MSA-1", "MSA-2", "MSA-3");
            if (msa[0] == null) {
                return new Reply("INVALID", ack, null, "acknowledgement without MSA");
            }
            return new Reply(msa[0], ack, msa[1], msa[2]);
        } catch (HL7Exception e) {
            return new Reply("INVALID", ack, null, "acknowledgement HAPI cannot read");
        }
    }

    /** Drops the connection; the next send opens a new one. */
    void reset() {
        try {
            // Shut down, not only stopped: the producer's idle-timeout thread ends only then.
            org.apache.camel.support.service.ServiceHelper.stopAndShutdownServices(producer, endpoint);
        } catch (Exception e) {
            // already broken
        }
        producer = null;
        endpoint = null;
    }

    @Override
    public void close() {
        reset();
    }
}
