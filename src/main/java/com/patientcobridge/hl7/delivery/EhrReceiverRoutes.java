package com.patientcobridge.hl7.delivery;

import static org.apache.camel.component.hl7.HL7.ack;
import static org.apache.camel.component.hl7.HL7.hl7terser;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.patientcobridge.hl7.inbound.Acks;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.hl7.HL7DataFormat;
import org.apache.camel.component.mllp.MllpConstants;

/**
 * The local EHR receiver used when no EHR is configured: an MLLP listener on loopback that reads
 * each message with camel-hl7 (its data format, in the charset MSH-18 names), keeps the bytes as they
 * came in the inbox folder as {@code <MSH-10>.hl7} ({@code hl7terser}), and answers with camel-hl7's
 * {@code ack()} (an AR of HAPI's for what cannot be read), so a person can see what the EHR would get.
 */
public class EhrReceiverRoutes extends RouteBuilder {

    private static final String FILE = "BridgeReceivedControlId";
    private static final String RECEIVED = "BridgeReceivedBytes";
    private static final String ACK = "BridgeReceivedAck";
    private final int port;
    private final String inbox;
    private final HapiContext hapi;

    public EhrReceiverRoutes(int port, String inbox) {
        this.port = port;
        this.inbox = inbox;
        ParserConfiguration parser = new ParserConfiguration();
        parser.setIdGenerator(new InMemoryIDGenerator());
        this.hapi = new DefaultHapiContext(parser, ValidationContextFactory.noValidation(),
                new ca.uhn.hl7v2.parser.DefaultModelClassFactory());
    }

    @Override
    public void configure() {
        HL7DataFormat hl7 = new HL7DataFormat();
        hl7.setHapiContext(hapi);
        onException(Exception.class).handled(true)
                .process(e -> e.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT,
                        Acks.bytes(Acks.reject("HAPI cannot read the message"))));

        // The bytes as they came are what the inbox keeps; camel-hl7 reads them in the charset MSH-18 names.
        from("mllp://127.0.0.1:" + port + "?autoAck=false&requireEndOfData=false&validatePayload=false"
                + "&stringPayload=false")
                .routeId("local-ehr-receiver")
                .setProperty(RECEIVED, body())
                .unmarshal(hl7)
                .setProperty(FILE, hl7terser("MSH-10"))
                .setProperty(ACK, ack())
                .process(e -> e.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT,
                        Acks.bytes(e.getProperty(ACK, Message.class).encode())))
                .setHeader(Exchange.FILE_NAME, method(EhrReceiverRoutes.class, "fileName(${exchangeProperty."
                        + FILE + "})"))
                .setBody(exchangeProperty(RECEIVED))
                .to("file:" + inbox + "?tempPrefix=.tmp-&fileExist=Override");
    }

    /** The inbox file of a message: its MSH-10, kept to what is safe in a file name. */
    public static String fileName(String controlId) {
        return (controlId == null || controlId.isBlank() ? "no-msh10" : controlId).replaceAll("[^A-Za-z0-9._-]", "_")
                + ".hl7";
    }
}
