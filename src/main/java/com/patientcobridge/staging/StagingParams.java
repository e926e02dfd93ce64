package com.patientcobridge.staging;

import com.patientcobridge.model.Account;
import com.patientcobridge.model.Chargeback;
import com.patientcobridge.model.Communication;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.PaymentPlan;
import com.patientcobridge.model.Refund;
import com.patientcobridge.model.Statement;
import com.patientcobridge.system.Json;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The named parameters of the staging upserts, one map per record, and the forward order of
 * each resource's statuses (a status never moves back).
 */
public final class StagingParams {

    private StagingParams() {
    }

    public static int paymentRank(String status) {
        return switch (status) {
            case "pending" -> 0;
            case "captured" -> 1;
            default -> 2; // settled, failed, voided: final
        };
    }

    static int refundRank(String status) {
        return "pending".equals(status) ? 0 : 1;
    }

    static int chargebackRank(String status) {
        return "opened".equals(status) ? 0 : 1;
    }

    static int deliveryRank(String status) {
        return switch (status == null ? "" : status) {
            case "queued" -> 0;
            case "sent" -> 1;
            case "delivered" -> 2;
            default -> 3; // opened, bounced, returned_mail
        };
    }

    public static Map<String, Object> payment(Payment p) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", p.id());
        m.put("accountId", p.accountId());
        m.put("amount", p.amount());
        m.put("currency", p.currency());
        m.put("methodType", p.method() == null ? null : p.method().type());
        m.put("channel", p.channel());
        m.put("status", p.status());
        m.put("rank", paymentRank(p.status()));
        m.put("refundedAmount", p.refundedAmount());
        m.put("disputed", Boolean.TRUE.equals(p.disputed()));
        m.put("capturedAt", ts(p.capturedAt()));
        m.put("batchId", p.settlementBatchId());
        m.put("updatedAt", ts(p.updatedAt()));
        return m;
    }

    public static Map<String, Object> refund(Refund r) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", r.id());
        m.put("paymentId", r.paymentId());
        m.put("accountId", r.accountId());
        m.put("amount", r.amount());
        m.put("status", r.status());
        m.put("rank", refundRank(r.status()));
        m.put("completedAt", ts(r.completedAt()));
        m.put("batchId", r.settlementBatchId());
        m.put("updatedAt", ts(r.updatedAt()));
        return m;
    }

    public static Map<String, Object> chargeback(Chargeback c) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", c.id());
        m.put("paymentId", c.paymentId());
        m.put("accountId", c.accountId());
        m.put("amount", c.amount());
        m.put("reasonCode", c.reasonCode());
        m.put("status", c.status());
        m.put("rank", chargebackRank(c.status()));
        m.put("openedAt", ts(c.openedAt()));
        m.put("resolvedAt", ts(c.resolvedAt()));
        m.put("batchId", c.settlementBatchId());
        m.put("updatedAt", ts(c.updatedAt()));
        return m;
    }

    public static Map<String, Object> account(Account a) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", a.id());
        m.put("facilityId", a.facilityId());
        m.put("guarantorId", a.guarantor().id());
        m.put("status", a.status());
        m.put("record", Json.write(a));
        m.put("updatedAt", ts(a.updatedAt()));
        return m;
    }

    public static Map<String, Object> statement(Statement s) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", s.id());
        m.put("accountId", s.accountId());
        m.put("statementDate", date(s.statementDate()));
        m.put("dueDate", date(s.dueDate()));
        m.put("amountDue", s.amountDue());
        m.put("lineCount", s.lineItems() == null ? 0 : s.lineItems().size());
        m.put("channel", s.delivery() == null ? null : s.delivery().channel());
        m.put("deliveryStatus", s.delivery() == null ? null : s.delivery().status());
        m.put("rank", deliveryRank(s.delivery() == null ? null : s.delivery().status()));
        m.put("updatedAt", ts(s.updatedAt()));
        return m;
    }

    public static Map<String, Object> plan(PaymentPlan p) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", p.id());
        m.put("accountId", p.accountId());
        m.put("status", p.status());
        m.put("totalAmount", p.totalAmount());
        m.put("remainingBalance", p.remainingBalance());
        m.put("installmentAmount", p.installmentAmount());
        m.put("frequency", p.frequency());
        m.put("nextDraftDate", date(p.nextDraftDate()));
        m.put("autopay", p.autopay());
        m.put("installments", Json.write(p.installments() == null ? java.util.List.of() : p.installments()));
        m.put("updatedAt", ts(p.updatedAt()));
        return m;
    }

    public static Map<String, Object> communication(Communication c) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", c.id());
        m.put("accountId", c.accountId());
        m.put("channel", c.channel());
        m.put("type", c.type());
        m.put("status", c.status());
        m.put("statementId", c.statementId());
        m.put("occurredAt", ts(c.occurredAt()));
        m.put("updatedAt", ts(c.updatedAt()));
        return m;
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
