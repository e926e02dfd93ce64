package com.patientcobridge.staging;

import com.patientcobridge.patientco.model.Settlement;
import com.patientcobridge.posting.DepositPostings;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.system.BridgeHeaders;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The settlement flow: closed and deposited batches get their items from Patientco, are checked
 * (totals against items) and staged with their items in one transaction, items in one batched insert.
 */
public class SettlementRoutes extends RouteBuilder {

    private final SettlementStager stager;
    private final ItemCopy copy;
    private final ItemSource items;
    private final ObjectProvider<JobRuns> runs;
    private final DepositPostings deposits;

    public SettlementRoutes(SettlementStager stager, ItemCopy copy, ItemSource items, ObjectProvider<JobRuns> runs,
            DepositPostings deposits) {
        this.stager = stager;
        this.deposits = deposits;
        this.copy = copy;
        this.items = items;
        this.runs = runs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure() {
        from("direct:settlement-records").routeId("settlement-records").routeConfigurationId("bridge-errors")
                .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:settlement-records"))
                .transacted()
                .filter(simple("${body.status} != 'open'"))
                .setProperty("settlement", body())
                .process(e -> {
                    Settlement s = e.getProperty("settlement", Settlement.class);
                    ItemSource.Items found = items.of(s);
                    BatchCheck.check(s, found.items());
                    List<Map<String, Object>> fresh = stager.stage(s, found.items(), found.source());
                    e.setProperty("postDeposit", !fresh.isEmpty());
                    e.setProperty("items", found.items());
                    e.getIn().setBody(fresh);
                })
                .choice()
                .when(simple("${body.size} >= " + ItemCopy.THRESHOLD))
                    .process(e -> copy.copy(e.getIn().getBody(List.class)))
                    .process(this::count)
                .when(simple("${body.size} > 0"))
                .to("sql:INSERT INTO staging.settlement_item (id, batch_id, type, payment_id, refund_id, chargeback_id, "
                        + "account_id, amount, occurred_at) VALUES (:#id, :#batchId, :#type, :#paymentId, :#refundId, "
                        + ":#chargebackId, :#accountId, :#amount, :#occurredAt) ON CONFLICT (id) DO NOTHING?batch=true")
                .process(this::count)
                .end()
                .end()
                .filter(exchangeProperty("postDeposit"))
                    .process(this::postDeposit)
                .end()
                .setBody(exchangeProperty("settlement"));
    }

    /** Batch posting mode: the deposit's one DFT, in this transaction (nothing in event mode). */
    @SuppressWarnings("unchecked")
    private void postDeposit(Exchange e) {
        deposits.post(e.getProperty("settlement", Settlement.class), e.getProperty("items", List.class),
                "settlement-records", e.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class));
    }

    private void count(Exchange e) {
        Long runId = e.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class);
        if (runId != null && runId > 0) {
            runs.ifAvailable(r -> r.add(runId, JobRuns.Counter.STAGED, 1));
        }
    }

}
