package com.patientcobridge.hl7.inbound;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;

/**
 * {@code ehr-adt-inbound}: the EHR's ADT feed over MLLP, on the address and port configured
 * ({@code ehr.inbound.*}, loopback unless told otherwise, TLS with a client certificate when
 * {@code ehr.tls.enabled}). Each frame gets the acknowledgement {@link EhrAdtFeed} decides.
 */
public class InboundAdtRoutes extends RouteBuilder {

    private final String address;
    private final int port;
    private final String tlsOption;
    private final EhrAdtFeed feed;

    /** {@code tlsOption}: the MLLP URI option of the TLS settings, or empty. */
    public InboundAdtRoutes(String address, int port, String tlsOption, EhrAdtFeed feed) {
        this.address = address;
        this.port = port;
        this.tlsOption = tlsOption;
        this.feed = feed;
    }

    @Override
    public void configure() {
        from("mllp://" + address + ":" + port + "?autoAck=false&validatePayload=false&requireEndOfData=false"
                + tlsOption)
                .routeId("ehr-adt-inbound")
                .process(e -> e.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT,
                        Acks.bytes(feed.answer(e.getIn().getBody(String.class)))));
    }
}
