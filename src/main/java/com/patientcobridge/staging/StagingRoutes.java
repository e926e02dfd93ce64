package com.patientcobridge.staging;

import com.patientcobridge.deadletter.BridgeErrors;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.system.BridgeHeaders;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staging writes through camel-sql with named parameters only. Upserts are idempotent and move
 * statuses forward only: a row is updated when the incoming status ranks at or above the staged one.
 */
public class StagingRoutes extends RouteBuilder {

    private final ObjectProvider<JobRuns> runs;

    public StagingRoutes(ObjectProvider<JobRuns> runs) {
        this.runs = runs;
    }

    @Override
    public void configure() {
        stage("payment", StagingParams::payment, "INSERT INTO staging.payment (id, account_id, amount, currency, "
                + "method_type, channel, status, status_rank, refunded_amount, disputed, captured_at, settlement_batch_id, "
                + "updated_at) VALUES (:#id, :#accountId, :#amount, :#currency, :#methodType, :#channel, :#status, :#rank, "
                + ":#refundedAmount, :#disputed, :#capturedAt, :#batchId, :#updatedAt) ON CONFLICT (id) DO UPDATE SET "
                + "status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, refunded_amount = EXCLUDED.refunded_amount, "
                + "disputed = EXCLUDED.disputed, settlement_batch_id = COALESCE(EXCLUDED.settlement_batch_id, "
                + "staging.payment.settlement_batch_id), updated_at = EXCLUDED.updated_at, last_seen = now() "
                + "WHERE staging.payment.status_rank <= EXCLUDED.status_rank");
        stage("refund", StagingParams::refund, "INSERT INTO staging.refund (id, payment_id, account_id, amount, status, "
                + "status_rank, completed_at, settlement_batch_id, updated_at) VALUES (:#id, :#paymentId, :#accountId, "
                + ":#amount, :#status, :#rank, :#completedAt, :#batchId, :#updatedAt) ON CONFLICT (id) DO UPDATE SET "
                + "status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, completed_at = EXCLUDED.completed_at, "
                + "settlement_batch_id = EXCLUDED.settlement_batch_id, updated_at = EXCLUDED.updated_at, last_seen = now() "
                + "WHERE staging.refund.status_rank <= EXCLUDED.status_rank");
        stage("chargeback", StagingParams::chargeback, "INSERT INTO staging.chargeback (id, payment_id, account_id, amount, "
                + "reason_code, status, status_rank, opened_at, resolved_at, settlement_batch_id, updated_at) VALUES (:#id, "
                + ":#paymentId, :#accountId, :#amount, :#reasonCode, :#status, :#rank, :#openedAt, :#resolvedAt, :#batchId, "
                + ":#updatedAt) ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, "
                + "resolved_at = EXCLUDED.resolved_at, updated_at = EXCLUDED.updated_at, last_seen = now() "
                + "WHERE staging.chargeback.status_rank <= EXCLUDED.status_rank");
        stage("account", StagingParams::account, "INSERT INTO staging.account (id, facility_id, guarantor_id, status, "
                + "record, updated_at) VALUES (:#id, :#facilityId, :#guarantorId, :#status, CAST(:#record AS jsonb), "
                + ":#updatedAt) ON CONFLICT (id) DO UPDATE SET facility_id = EXCLUDED.facility_id, status = EXCLUDED.status, "
                + "record = EXCLUDED.record, updated_at = EXCLUDED.updated_at, last_seen = now() "
                + "WHERE staging.account.updated_at <= EXCLUDED.updated_at");
        stage("statement", StagingParams::statement, "INSERT INTO staging.statement (id, account_id, statement_date, "
                + "due_date, amount_due, line_count, delivery_channel, delivery_status, delivery_rank, updated_at) VALUES "
                + "(:#id, :#accountId, :#statementDate, :#dueDate, :#amountDue, :#lineCount, :#channel, :#deliveryStatus, "
                + ":#rank, :#updatedAt) ON CONFLICT (id) DO UPDATE SET delivery_status = EXCLUDED.delivery_status, "
                + "delivery_rank = EXCLUDED.delivery_rank, updated_at = EXCLUDED.updated_at, last_seen = now() "
                + "WHERE staging.statement.delivery_rank <= EXCLUDED.delivery_rank");
        stage("payment-plan", StagingParams::plan, "INSERT INTO staging.payment_plan (id, account_id, status, total_amount, "
                + "remaining_balance, installment_amount, frequency, next_draft_date, autopay, installments, updated_at) "
                + "VALUES (:#id, :#accountId, :#status, :#totalAmount, :#remainingBalance, :#installmentAmount, :#frequency, "
                + ":#nextDraftDate, :#autopay, CAST(:#installments AS jsonb), :#updatedAt) ON CONFLICT (id) DO UPDATE SET "
                + "status = EXCLUDED.status, remaining_balance = EXCLUDED.remaining_balance, next_draft_date = "
                + "EXCLUDED.next_draft_date, installments = EXCLUDED.installments, updated_at = EXCLUDED.updated_at, "
                + "last_seen = now() WHERE staging.payment_plan.updated_at <= EXCLUDED.updated_at");
        stage("communication", StagingParams::communication, "INSERT INTO staging.communication (id, account_id, channel, "
                + "type, status, statement_id, occurred_at, updated_at) VALUES (:#id, :#accountId, :#channel, :#type, "
                + ":#status, :#statementId, :#occurredAt, :#updatedAt) ON CONFLICT (id) DO UPDATE SET status = "
                + "EXCLUDED.status, updated_at = EXCLUDED.updated_at, last_seen = now() "
                + "WHERE staging.communication.updated_at <= EXCLUDED.updated_at");

        for (String resource : new String[] {"statement", "payment-plan", "communication"}) {
            from("direct:" + resource + "-records").routeId(resource + "-records").routeConfigurationId("bridge-errors")
                    .setHeader(BridgeHeaders.REPLAY_URI, constant("direct:" + resource + "-records"))
                    .transacted()
                    .to("direct:stage-" + resource);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> void stage(String name, Function<T, Map<String, Object>> params, String sql) {
        // A step of its caller's transaction: errors go back to the caller's bridge-errors, which rolls the record back.
        from("direct:stage-" + name).routeId("stage-" + name).routeConfigurationId(BridgeErrors.STEP)
                .setProperty("record", body())
                .process(e -> e.getIn().setBody(params.apply((T) e.getIn().getBody())))
                .to("sql:" + sql)
                .process(this::count)
                .setBody(exchangeProperty("record"));
    }

    private void count(Exchange e) {
        Long runId = e.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class);
        Integer updated = e.getIn().getHeader("CamelSqlUpdateCount", Integer.class);
        if (runId == null || runId <= 0 || updated == null || updated <= 0) {
            return;
        }
        if (e.getProperty(BridgeHeaders.PAGE_STAGED) instanceof AtomicInteger page
                && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    page.addAndGet(updated);
                }
            });
        } else {
            runs.ifAvailable(r -> r.add(runId, JobRuns.Counter.STAGED, updated));
        }
    }
}
