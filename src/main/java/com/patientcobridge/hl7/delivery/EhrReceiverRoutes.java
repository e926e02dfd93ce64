package com.patientcobridge.hl7.delivery;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;

/**
 * The local EHR receiver used when no EHR is configured: an MLLP listener that ACKs each message
 * (AA) and writes it to the inbox folder as {@code <MSH-10>.hl7}, so a person can see what the EHR would get.
 */
public class EhrReceiverRoutes extends RouteBuilder {

    private final int port;
    private final String inbox;

    public EhrReceiverRoutes(int port, String inbox) {
        this.port = port;
        this.inbox = inbox;
    }

    @Override
    public void configure() {
        from("mllp://127.0.0.1:" + port + "?autoAck=true&requireEndOfData=false&validatePayload=false")
                .routeId("local-ehr-receiver")
                .setHeader("CamelFileName", simple("${header." + MllpConstants.MLLP_MESSAGE_CONTROL + "}.hl7"))
                .convertBodyTo(String.class)
                .to("file:" + inbox + "?tempPrefix=.tmp-&fileExist=Override");
    }
}
