package com.patientcobridge.hl7.delivery;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.patientcobridge.hl7.MessageCharset;
import com.patientcobridge.hl7.inbound.Acks;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;

/**
 * The local EHR receiver used when no EHR is configured: an MLLP listener on loopback that reads
 * each message with HAPI, writes it to the inbox folder as {@code <MSH-10>.hl7} in the charset its
 * MSH-18 names, and answers with HAPI's ACK (AR for what HAPI cannot read), so a person can see what
 * the EHR would get.
 */
public class EhrReceiverRoutes extends RouteBuilder {

    private static final String FILE = "BridgeReceivedFile";
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
        from("mllp://127.0.0.1:" + port + "?autoAck=false&requireEndOfData=false&validatePayload=false")
                .routeId("local-ehr-receiver")
                .process(this::receive)
                .filter(exchangeProperty(FILE).isNotNull())
                    .setHeader(Exchange.FILE_NAME, exchangeProperty(FILE))
                    .to("file:" + inbox + "?tempPrefix=.tmp-&fileExist=Override")
                .end();
    }

    private void receive(Exchange exchange) {
        String text = exchange.getIn().getBody(String.class);
        String ack;
        try {
            Message message = hapi.getPipeParser().parse(text);
            String controlId = new Terser(message).get("/MSH-10");
            exchange.getIn().setBody(MessageCharset.bytes(text));
            exchange.setProperty(FILE, (controlId == null ? "no-msh10" : controlId).replaceAll("[^A-Za-z0-9._-]", "_")
                    + ".hl7");
            ack = Acks.of(message, AcknowledgmentCode.AA, null);
        } catch (HL7Exception | RuntimeException e) {
            ack = Acks.reject("HAPI cannot read the message");
        }
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, Acks.bytes(ack));
    }
}
