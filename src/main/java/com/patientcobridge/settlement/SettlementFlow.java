package com.patientcobridge.settlement;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.pages.Holds;
import com.patientcobridge.pages.PageContext;
import com.patientcobridge.pages.PageFlow;
import com.patientcobridge.patientco.RecordPage;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import com.patientcobridge.posting.DepositPostings;
import com.patientcobridge.remittance.Remittances;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/**
 * The settlement flow a page of batches at a time: each closed or deposited batch gets its items
 * from Patientco (API, or the portal's report), is checked (totals against items) and staged with
 * its items (camel-sql, or COPY for a large batch); in batch posting mode a newly deposited batch
 * posts its DFT, and with the 835 on it gets its 835, in the same transaction. A batch whose items are malformed or do not add up is a dead letter; the rest of
 * the page goes on.
 */
final class SettlementFlow implements PageFlow<Void> {

    static final String FLOW = "settlement-records";
    static final String INSERT_ITEMS = "sql:INSERT INTO staging.settlement_item (id, batch_id, type, payment_id, "
            + "refund_id, chargeback_id, account_id, amount, occurred_at) VALUES (:#id, :#batchId, :#type, :#paymentId, "
            + ":#refundId, :#chargebackId, :#accountId, :#amount, :#occurredAt) ON CONFLICT (id) DO NOTHING"
            // camel-sql commits a batch itself unless told not to: here the page's transaction commits it.
            + "?batch=true&batchAutoCommitDisabled=false";

    /** A batch that passed its check, with its items. */
    record Checked(Settlement batch, ItemSource.Items items) {
    }

    /** A page's batches to stage, and those refused. */
    record Plan(List<Checked> batches, List<PageDeadLetters.Entry> deadLetters, Long runId) implements PageFlow.Plan {
        @Override
        public int staged() {
            return batches.size();
        }
    }

    private final SettlementStager stager;
    private final ItemCopy copy;
    private final ItemSource items;
    private final DepositPostings deposits;
    private final Remittances remittances;
    private final ProducerTemplate sql;

    SettlementFlow(SettlementStager stager, ItemCopy copy, ItemSource items, DepositPostings deposits,
            Remittances remittances, ProducerTemplate sql) {
        this.stager = stager;
        this.copy = copy;
        this.items = items;
        this.deposits = deposits;
        this.remittances = remittances;
        this.sql = sql;
    }

    @Override
    public String flow() {
        return FLOW;
    }

    @Override
    public Void load(RecordPage page) {
        return null;
    }

    @Override
    public Plan plan(Void state, List<RecordPage.Item> page, Holds holds, PageContext context) {
        List<Checked> checked = new ArrayList<>();
        List<PageDeadLetters.Entry> dead = new ArrayList<>();
        for (RecordPage.Item item : page) {
            Settlement s = (Settlement) item.record();
            if ("open".equals(s.status())) {
                continue; // staged once it closes: its items still change
            }
            try {
                ItemSource.Items found = items.of(s);
                BatchCheck.check(s, found.items());
                checked.add(new Checked(s, found));
            } catch (RuntimeException e) {
                PermanentFailure fault = fault(e);
                if (fault == null) {
                    throw e;
                }
                dead.add(context.fault(item, List.of(), fault.reason(), null));
            }
        }
        return new Plan(checked, dead, context.runId());
    }

    /** The batch's own fault (malformed items, totals that do not add up, a 4xx), or null for an outage. */
    private static PermanentFailure fault(RuntimeException e) {
        Throwable cause = e instanceof CamelExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof PermanentFailure p) {
            return p;
        }
        if (cause instanceof PatientcoHttpException http && !http.transientFailure()) {
            return new PermanentFailure(null, "Patientco refused the batch's items: " + http.status() + " " + http.code());
        }
        return null;
    }

    @Override
    public void write(PageFlow.Plan p) {
        Plan plan = (Plan) p;
        for (Checked c : plan.batches()) {
            List<Map<String, Object>> fresh = stager.stage(c.batch(), c.items().items(), c.items().source());
            if (fresh.size() >= ItemCopy.THRESHOLD) {
                try {
                    copy.copy(fresh);
                } catch (java.sql.SQLException e) {
                    throw new org.springframework.jdbc.UncategorizedSQLException("COPY of settlement items", null, e);
                }
            } else if (!fresh.isEmpty()) {
                sql.requestBody(INSERT_ITEMS, fresh);
            }
            if (!fresh.isEmpty()) {
                deposits.post(c.batch(), c.items().items(), FLOW, plan.runId());
                remittances.enqueue(c.batch());
            }
        }
    }

    @Override
    public List<String> holdKeys(Void state, RecordPage.Item item) {
        return List.of();
    }
}
