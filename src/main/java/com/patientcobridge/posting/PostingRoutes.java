package com.patientcobridge.posting;

import com.patientcobridge.pages.PageProcessor;
import com.patientcobridge.system.BridgeHeaders;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * The payment, refund and chargeback flows: each page (or a single record, replayed) is staged and
 * run through the payment lifecycle in one transaction: staging rows, ledger, transitions, outbox
 * rows, dead letters and the page's watermark commit together, or not at all.
 */
public class PostingRoutes extends RouteBuilder {

    private final List<PageProcessor<?>> flows;
    private final List<String> ids;

    PostingRoutes(List<String> ids, List<PageProcessor<?>> flows) {
        this.ids = ids;
        this.flows = flows;
    }

    @Override
    public void configure() {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            from("direct:" + id).routeId(id)
                    .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:" + id))
                    .transacted()
                    .process(flows.get(i));
        }
    }
}
