package com.patientcobridge.patientco.inbound;

import org.apache.camel.builder.RouteBuilder;

/**
 * The work behind {@code routes/inbound-payments.yaml}: each file's lines paid through Patientco
 * and the results written to the outbox folder ({@code patientco.inbound.outbox-dir}).
 */
public class InboundPaymentRoutes extends RouteBuilder {

    private final InboundPayments payments;

    public InboundPaymentRoutes(InboundPayments payments) {
        this.payments = payments;
    }

    @Override
    public void configure() {
        from("direct:inbound-payment-file").routeId("inbound-payment-file")
                .process(payments)
                // A temporary name until complete: the hospital's reader never sees half a result file.
                .to("file:{{patientco.inbound.outbox-dir}}?tempPrefix=.writing-");
    }
}
