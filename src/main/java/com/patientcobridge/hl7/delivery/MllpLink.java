package com.patientcobridge.hl7.delivery;

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

    Reply send(String hl7) {
        try {
            if (producer == null) {
                // A fresh endpoint per lane: Camel caches endpoints by URI, and one endpoint is one socket.
                endpoint = camel.getComponent("mllp").createEndpoint(uri);
                endpoint.start();
                producer = endpoint.createProducer();
                producer.start();
            }
            Exchange exchange = new DefaultExchange(camel);
            exchange.getIn().setBody(hl7);
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
                        ? new String(m.getHl7AcknowledgementBytes(), java.nio.charset.StandardCharsets.UTF_8) : null;
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

    /** MSA-1 and MSA-2 (and MSA-3's text) from the ACK's pipes. */
    static Reply parse(String ack) {
        if (ack == null || ack.isEmpty()) {
            return new Reply("DOWN", ack, null, "empty acknowledgement");
        }
        for (String segment : ack.split("\r|\n")) {
            if (segment.startsWith("MSA")) {
                String[] f = segment.split("\\|", -1);
                return new Reply(f.length > 1 ? f[1] : "", ack, f.length > 2 ? f[2] : null, f.length > 3 ? f[3] : null);
            }
        }
        return new Reply("INVALID", ack, null, "acknowledgement without MSA");
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
