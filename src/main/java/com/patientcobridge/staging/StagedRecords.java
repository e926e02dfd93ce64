package com.patientcobridge.staging;

import com.patientcobridge.model.Account;
import com.patientcobridge.model.Chargeback;
import com.patientcobridge.model.Communication;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.PaymentPlan;
import com.patientcobridge.model.Refund;
import com.patientcobridge.model.Statement;
import com.patientcobridge.system.Json;
import java.util.List;

/**
 * The staging tables of the records read from Patientco, each written a page at a time. Upserts are
 * idempotent and move statuses forward only: a row is updated when the incoming status ranks at or
 * above the staged one (or, for records without a status order, when it is as new or newer).
 */
public final class StagedRecords {

    private StagedRecords() {
    }

    public static final StagingTable<Payment> PAYMENTS = StagingTable.<Payment>of("staging.payment", "id")
            .column("id", "text", Payment::id).column("account_id", "text", Payment::accountId)
            .column("amount", "numeric", Payment::amount).column("currency", "text", Payment::currency)
            .column("method_type", "text", p -> p.method() == null ? null : p.method().type())
            .column("channel", "text", Payment::channel).column("status", "text", Payment::status)
            .column("status_rank", "int", p -> StagingParams.paymentRank(p.status()))
            .column("refunded_amount", "numeric", Payment::refundedAmount)
            .column("disputed", "boolean", p -> Boolean.TRUE.equals(p.disputed()))
            .column("captured_at", "timestamptz", p -> StagingParams.ts(p.capturedAt()))
            .column("settlement_batch_id", "text", Payment::settlementBatchId)
            .column("updated_at", "timestamptz", p -> StagingParams.ts(p.updatedAt()))
            .onConflict("DO UPDATE SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, "
                    + "refunded_amount = EXCLUDED.refunded_amount, disputed = EXCLUDED.disputed, settlement_batch_id = "
                    + "COALESCE(EXCLUDED.settlement_batch_id, staging.payment.settlement_batch_id), updated_at = "
                    + "EXCLUDED.updated_at, last_seen = now() WHERE staging.payment.status_rank <= EXCLUDED.status_rank");

    public static final StagingTable<Refund> REFUNDS = StagingTable.<Refund>of("staging.refund", "id")
            .column("id", "text", Refund::id).column("payment_id", "text", Refund::paymentId)
            .column("account_id", "text", Refund::accountId).column("amount", "numeric", Refund::amount)
            .column("status", "text", Refund::status)
            .column("status_rank", "int", r -> StagingParams.refundRank(r.status()))
            .column("completed_at", "timestamptz", r -> StagingParams.ts(r.completedAt()))
            .column("settlement_batch_id", "text", Refund::settlementBatchId)
            .column("updated_at", "timestamptz", r -> StagingParams.ts(r.updatedAt()))
            .onConflict("DO UPDATE SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, completed_at = "
                    + "EXCLUDED.completed_at, settlement_batch_id = EXCLUDED.settlement_batch_id, updated_at = "
                    + "EXCLUDED.updated_at, last_seen = now() WHERE staging.refund.status_rank <= EXCLUDED.status_rank");

    public static final StagingTable<Chargeback> CHARGEBACKS = StagingTable.<Chargeback>of("staging.chargeback", "id")
            .column("id", "text", Chargeback::id).column("payment_id", "text", Chargeback::paymentId)
            .column("account_id", "text", Chargeback::accountId).column("amount", "numeric", Chargeback::amount)
            .column("reason_code", "text", Chargeback::reasonCode).column("status", "text", Chargeback::status)
            .column("status_rank", "int", c -> StagingParams.chargebackRank(c.status()))
            .column("opened_at", "timestamptz", c -> StagingParams.ts(c.openedAt()))
            .column("resolved_at", "timestamptz", c -> StagingParams.ts(c.resolvedAt()))
            .column("settlement_batch_id", "text", Chargeback::settlementBatchId)
            .column("updated_at", "timestamptz", c -> StagingParams.ts(c.updatedAt()))
            .onConflict("DO UPDATE SET status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, resolved_at = "
                    + "EXCLUDED.resolved_at, updated_at = EXCLUDED.updated_at, last_seen = now() "
                    + "WHERE staging.chargeback.status_rank <= EXCLUDED.status_rank");

    public static final StagingTable<Account> ACCOUNTS = StagingTable.<Account>of("staging.account", "id")
            .column("id", "text", Account::id).column("facility_id", "text", Account::facilityId)
            .column("guarantor_id", "text", a -> a.guarantor().id()).column("status", "text", Account::status)
            .column("record", "jsonb", Json::write)
            .column("updated_at", "timestamptz", a -> StagingParams.ts(a.updatedAt()))
            .onConflict("DO UPDATE SET facility_id = EXCLUDED.facility_id, status = EXCLUDED.status, record = "
                    + "EXCLUDED.record, updated_at = EXCLUDED.updated_at, last_seen = now() "
                    + "WHERE staging.account.updated_at <= EXCLUDED.updated_at");

    public static final StagingTable<Statement> STATEMENTS = StagingTable.<Statement>of("staging.statement", "id")
            .column("id", "text", Statement::id).column("account_id", "text", Statement::accountId)
            .column("statement_date", "date", s -> StagingParams.date(s.statementDate()))
            .column("due_date", "date", s -> StagingParams.date(s.dueDate()))
            .column("amount_due", "numeric", Statement::amountDue)
            .column("line_count", "int", s -> s.lineItems() == null ? 0 : s.lineItems().size())
            .column("delivery_channel", "text", s -> s.delivery() == null ? null : s.delivery().channel())
            .column("delivery_status", "text", s -> s.delivery() == null ? null : s.delivery().status())
            .column("delivery_rank", "int", s -> StagingParams.deliveryRank(s.delivery() == null ? null
                    : s.delivery().status()))
            .column("updated_at", "timestamptz", s -> StagingParams.ts(s.updatedAt()))
            .onConflict("DO UPDATE SET delivery_status = EXCLUDED.delivery_status, delivery_rank = "
                    + "EXCLUDED.delivery_rank, updated_at = EXCLUDED.updated_at, last_seen = now() "
                    + "WHERE staging.statement.delivery_rank <= EXCLUDED.delivery_rank");

    public static final StagingTable<PaymentPlan> PLANS = StagingTable.<PaymentPlan>of("staging.payment_plan", "id")
            .column("id", "text", PaymentPlan::id).column("account_id", "text", PaymentPlan::accountId)
            .column("status", "text", PaymentPlan::status).column("total_amount", "numeric", PaymentPlan::totalAmount)
            .column("remaining_balance", "numeric", PaymentPlan::remainingBalance)
            .column("installment_amount", "numeric", PaymentPlan::installmentAmount)
            .column("frequency", "text", PaymentPlan::frequency)
            .column("next_draft_date", "date", p -> StagingParams.date(p.nextDraftDate()))
            .column("autopay", "boolean", PaymentPlan::autopay)
            .column("installments", "jsonb", p -> Json.write(p.installments() == null ? List.of() : p.installments()))
            .column("updated_at", "timestamptz", p -> StagingParams.ts(p.updatedAt()))
            .onConflict("DO UPDATE SET status = EXCLUDED.status, remaining_balance = EXCLUDED.remaining_balance, "
                    + "next_draft_date = EXCLUDED.next_draft_date, installments = EXCLUDED.installments, updated_at = "
                    + "EXCLUDED.updated_at, last_seen = now() WHERE staging.payment_plan.updated_at <= EXCLUDED.updated_at");

    public static final StagingTable<Communication> COMMUNICATIONS = StagingTable.<Communication>of(
            "staging.communication", "id")
            .column("id", "text", Communication::id).column("account_id", "text", Communication::accountId)
            .column("channel", "text", Communication::channel).column("type", "text", Communication::type)
            .column("status", "text", Communication::status).column("statement_id", "text", Communication::statementId)
            .column("occurred_at", "timestamptz", c -> StagingParams.ts(c.occurredAt()))
            .column("updated_at", "timestamptz", c -> StagingParams.ts(c.updatedAt()))
            .onConflict("DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, last_seen = now() "
                    + "WHERE staging.communication.updated_at <= EXCLUDED.updated_at");
}
