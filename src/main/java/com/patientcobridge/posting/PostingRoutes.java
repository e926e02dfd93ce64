package com.patientcobridge.posting;

import com.patientcobridge.patientco.model.Chargeback;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.model.Refund;
import com.patientcobridge.system.BridgeHeaders;
import org.apache.camel.builder.RouteBuilder;

/**
 * The payment, refund and chargeback flows: each record is staged and run through the payment
 * lifecycle in one transaction; failures go to the {@code bridge-errors} dead-letter channel.
 */
public class PostingRoutes extends RouteBuilder {

    private final PaymentLifecycle lifecycle;

    public PostingRoutes(PaymentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void configure() {
        from("direct:payment-records").routeId("payment-records").routeConfigurationId("bridge-errors")
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:payment-records"))
                .transacted()
                .to("direct:stage-payment")
                .process(e -> lifecycle.onPayment(e.getIn().getBody(Payment.class), "payment-records", runId(e)));

        from("direct:refund-records").routeId("refund-records").routeConfigurationId("bridge-errors")
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:refund-records"))
                .transacted()
                .to("direct:stage-refund")
                .process(e -> lifecycle.onRefund(e.getIn().getBody(Refund.class), "refund-records", runId(e)));

        from("direct:chargeback-records").routeId("chargeback-records").routeConfigurationId("bridge-errors")
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:chargeback-records"))
                .transacted()
                .to("direct:stage-chargeback")
                .process(e -> lifecycle.onChargeback(e.getIn().getBody(Chargeback.class), "chargeback-records",
                        runId(e)));
    }

    static Long runId(org.apache.camel.Exchange e) {
        return e.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class);
    }
}
