package com.patientcobridge.remittance;

import org.apache.camel.builder.RouteBuilder;

/**
 * The 835 drain: every few seconds the pending 835s are written, checked and delivered; a person's
 * replay of a refused one comes in on {@link RemittanceDelivery#REPLAY}.
 */
final class RemittanceRoutes extends RouteBuilder {

    private final RemittanceDelivery delivery;
    private final Remittances remittances;
    private final long periodMillis;

    RemittanceRoutes(RemittanceDelivery delivery, Remittances remittances, long periodMillis) {
        this.delivery = delivery;
        this.remittances = remittances;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer:remittance-835?period=" + periodMillis + "&delay=" + periodMillis).routeId(RemittanceDelivery.FLOW)
                .process(e -> delivery.deliverPending());
        from(RemittanceDelivery.REPLAY).routeId("remittance-835-replay")
                .process(e -> {
                    String batchId = e.getIn().getBody(RemittanceReplay.class).batchId();
                    remittances.retry(batchId);
                    Remittances.Pending pending = remittances.one(batchId);
                    if (pending != null) {
                        delivery.deliver(pending);
                    }
                });
    }
}
