package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.SandboxData.JSON;
import static com.patientcobridge.sandbox.SandboxData.money;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Settlement batches: one per facility and day. History batches are derived from the generated
 * payments; batches of the clock's days collect their items as events happen. Totals are always
 * computed from the items, so {@code netAmount = gross - refund - chargeback - fee = sum(items)}.
 */
final class Batches {

    static final BigDecimal FEE_RATE = new BigDecimal("0.0275");

    private Batches() {
    }

    /** The items of a history batch: its facility's sales of that day, then the fee at the cutoff. */
    static List<ObjectNode> historyItems(SandboxData data, int facility, int day) {
        List<ObjectNode> items = new ArrayList<>();
        String facilityId = SandboxData.FACILITIES.get(facility);
        String batchId = SandboxData.batchId(facilityId, data.day(day));
        for (long j = data.firstPaymentOfDay(day); j < data.firstPaymentOfDay(day + 1); j++) {
            if (data.facilityOf(data.accountOfPayment(j)).equals(facilityId)) {
                ObjectNode p = data.payment(j);
                items.add(item("sti_" + p.get("id").asText().substring(4), "sale", p.get("id").asText(), null, null,
                        p.get("accountId").asText(), new BigDecimal(p.get("amount").asText()),
                        Instant.parse(p.get("capturedAt").asText())));
            }
        }
        items.add(fee(batchId, items, cutoff(data, day)));
        return items;
    }

    static Instant cutoff(SandboxData data, int day) {
        return data.day(day).atTime(data.settings.bankCutoff()).atZone(data.settings.bankZone()).toInstant();
    }

    static Instant cutoff(SandboxData data, LocalDate day) {
        return day.atTime(data.settings.bankCutoff()).atZone(data.settings.bankZone()).toInstant();
    }

    static ObjectNode fee(String batchId, List<ObjectNode> items, Instant at) {
        BigDecimal sales = items.stream().filter(i -> i.get("type").asText().equals("sale"))
                .map(i -> new BigDecimal(i.get("amount").asText())).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fee = sales.multiply(FEE_RATE).setScale(2, RoundingMode.HALF_UP);
        return item("sti_fee_" + batchId.substring(4), "fee", null, null, null, null, fee.negate(), at);
    }

    static ObjectNode item(String id, String type, String paymentId, String refundId, String chargebackId,
            String accountId, BigDecimal amount, Instant at) {
        ObjectNode n = JSON.objectNode();
        n.put("id", id);
        n.put("type", type);
        n.put("paymentId", paymentId);
        n.put("refundId", refundId);
        n.put("chargebackId", chargebackId);
        n.put("accountId", accountId);
        n.put("amount", money(amount));
        n.put("occurredAt", at.toString());
        return n;
    }

    /** A batch record with totals computed from its items. */
    static ObjectNode settlement(String id, String facilityId, Instant cutoffAt, LocalDate depositDate, String status,
            List<ObjectNode> items, Instant updatedAt) {
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        BigDecimal chargebacks = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (ObjectNode item : items) {
            BigDecimal amount = new BigDecimal(item.get("amount").asText());
            switch (item.get("type").asText()) {
                case "sale", "chargeback_reversal" -> gross = gross.add(amount);
                case "refund" -> refunds = refunds.add(amount.negate());
                case "chargeback" -> chargebacks = chargebacks.add(amount.negate());
                default -> fees = fees.add(amount.negate());
            }
        }
        ObjectNode s = JSON.objectNode();
        s.put("id", id);
        s.put("merchantId", "mer_" + facilityId.substring(4));
        s.put("facilityId", facilityId);
        s.put("cutoffAt", cutoffAt.toString());
        s.put("depositDate", depositDate == null ? null : depositDate.toString());
        s.put("status", status);
        s.put("currency", "USD");
        s.put("grossAmount", money(gross));
        s.put("refundAmount", money(refunds));
        s.put("chargebackAmount", money(chargebacks));
        s.put("feeAmount", money(fees));
        s.put("netAmount", money(gross.subtract(refunds).subtract(chargebacks).subtract(fees)));
        s.put("itemCount", items.size());
        s.put("updatedAt", updatedAt.toString());
        return s;
    }

    static ArrayNode array(List<ObjectNode> items) {
        ArrayNode a = JSON.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
