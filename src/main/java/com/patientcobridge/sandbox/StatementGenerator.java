package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.SandboxData.JSON;
import static com.patientcobridge.sandbox.SandboxData.cents;
import static com.patientcobridge.sandbox.SandboxData.money;
import static com.patientcobridge.sandbox.SandboxData.pad;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/** Builds monthly statements with line items, their communications, and payment plans with installments. */
final class StatementGenerator {

    private static final List<String> DELIVERY = List.of("delivered", "delivered", "opened", "sent", "bounced",
            "returned_mail");
    private static final List<String> CHANNEL = List.of("email", "paper", "sms", "portal");
    private final SandboxData data;

    StatementGenerator(SandboxData data) {
        this.data = data;
    }

    ObjectNode statement(long s) {
        SplittableRandom r = data.rng("statement", s);
        long i = s % data.accounts;
        long month = s / data.accounts;
        Instant updated = data.statementUpdated(s);
        LocalDate date = LocalDate.ofInstant(updated, ZoneOffset.UTC);
        ObjectNode st = JSON.objectNode();
        st.put("id", "stm_" + pad(i) + month);
        st.put("accountId", "acc_" + pad(i));
        st.put("statementDate", date.toString());
        st.put("periodStart", date.minusDays(30).toString());
        st.put("periodEnd", date.minusDays(1).toString());
        st.put("dueDate", date.plusDays(25).toString());
        st.put("previousBalance", money(month == 0 ? BigDecimal.ZERO : cents(r, 0, 200_000)));
        ArrayNode lines = st.putArray("lineItems");
        BigDecimal due = BigDecimal.ZERO;
        int count = 1 + r.nextInt(4);
        for (int n = 0; n < count; n++) {
            BigDecimal charge = cents(r, 2_500, 450_000);
            BigDecimal insurance = charge.multiply(BigDecimal.valueOf(r.nextInt(80))).divide(BigDecimal.valueOf(100), 2,
                    RoundingMode.HALF_UP);
            BigDecimal adjustments = charge.subtract(insurance).multiply(BigDecimal.valueOf(r.nextInt(15)))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            BigDecimal patient = charge.subtract(insurance).subtract(adjustments);
            ObjectNode line = lines.addObject();
            line.put("encounterId", "enc_" + pad(i) + 0);
            line.put("serviceDate", date.minusDays(5 + r.nextInt(20)).toString());
            line.put("code", Names.pick(Names.CPT, r));
            line.put("description", "Professional services - " + Names.pick(Names.SERVICE_LINES, r));
            line.put("charge", money(charge));
            line.put("insurancePaid", money(insurance));
            line.put("adjustments", money(adjustments));
            line.put("patientResponsibility", money(patient));
            due = due.add(patient);
        }
        st.put("amountDue", money(due));
        st.put("currency", "USD");
        ObjectNode delivery = st.putObject("delivery");
        delivery.put("channel", Names.pick(CHANNEL, r));
        delivery.put("status", Names.pick(DELIVERY, r));
        delivery.put("updatedAt", updated.toString());
        st.put("updatedAt", updated.toString());
        return st;
    }

    ObjectNode communication(long s) {
        SplittableRandom r = data.rng("communication", s);
        long i = s % data.accounts;
        long month = s / data.accounts;
        Instant updated = data.statementUpdated(s);
        ObjectNode c = JSON.objectNode();
        c.put("id", "com_" + pad(i) + month);
        c.put("accountId", "acc_" + pad(i));
        c.put("channel", Names.pick(List.of("email", "sms", "paper", "voice"), r));
        c.put("type", "statement");
        c.put("status", Names.pick(List.of("delivered", "delivered", "sent", "failed", "opted_out"), r));
        c.put("statementId", "stm_" + pad(i) + month);
        c.put("occurredAt", updated.toString());
        c.put("updatedAt", updated.toString());
        return c;
    }

    ObjectNode plan(long p) {
        long i = p * 10 + 3 < data.accounts ? p * 10 + 3 : p * 10;
        SplittableRandom r = data.rng("plan", p);
        Instant updated = data.accountCreated(i).plusSeconds(3600);
        LocalDate start = LocalDate.ofInstant(updated, ZoneOffset.UTC).plusDays(7);
        int count = 3 + r.nextInt(10);
        BigDecimal installment = cents(r, 2_500, 25_000);
        BigDecimal total = installment.multiply(BigDecimal.valueOf(count));
        ObjectNode plan = JSON.objectNode();
        plan.put("id", "pln_" + pad(i));
        plan.put("accountId", "acc_" + pad(i));
        int paid = Math.min(count, 1 + r.nextInt(3));
        plan.put("status", paid == count ? "completed" : "active");
        plan.put("totalAmount", money(total));
        plan.put("remainingBalance", money(installment.multiply(BigDecimal.valueOf(count - paid))));
        plan.put("installmentAmount", money(installment));
        plan.put("frequency", "monthly");
        plan.put("nextDraftDate", paid == count ? null : start.plusMonths(paid).toString());
        plan.put("autopay", r.nextInt(10) < 8);
        // One plan in five: its last draft so far failed (a declined card, an empty account).
        boolean draftFailed = paid < count && r.nextInt(5) == 0;
        if (draftFailed) {
            plan.put("remainingBalance", money(installment.multiply(BigDecimal.valueOf(count - paid + 1))));
        }
        ArrayNode list = plan.putArray("installments");
        for (int n = 0; n < count; n++) {
            ObjectNode inst = list.addObject();
            inst.put("dueDate", start.plusMonths(n).toString());
            inst.put("amount", money(installment));
            inst.put("status", draftFailed && n == paid - 1 ? "failed" : n < paid ? "paid" : "scheduled");
            inst.putNull("paymentId");
        }
        plan.put("updatedAt", updated.toString());
        return plan;
    }
}
