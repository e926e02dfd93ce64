package com.patientcobridge.staging;

import com.patientcobridge.pages.PageProcessor;
import com.patientcobridge.system.BridgeHeaders;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/**
 * The staging flows: {@code direct:statement-records}, {@code direct:payment-plan-records},
 * {@code direct:communication-records} and {@code direct:settlement-records}, each a page (or a
 * replayed record) in one transaction with the page's watermark.
 */
public class StagingRoutes extends RouteBuilder {

    private final Map<String, PageProcessor<?>> flows;

    public StagingRoutes(Map<String, PageProcessor<?>> flows) {
        this.flows = flows;
    }

    @Override
    public void configure() {
        flows.forEach((id, processor) -> from("direct:" + id).routeId(id)
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:" + id))
                .transacted()
                .process(processor));
    }
}
