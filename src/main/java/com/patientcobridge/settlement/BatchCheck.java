package com.patientcobridge.settlement;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A settlement batch checked against its items before it is staged: netAmount is the sum of the
 * items, itemCount their number, and gross, refund, chargeback and fee totals match their items
 * (chargeback reversals count in gross). A batch that fails is refused with the numbers that differ.
 */
public final class BatchCheck {

    private BatchCheck() {
    }

    public static void check(Settlement s, List<SettlementItem> items) {
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        BigDecimal chargebacks = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal net = BigDecimal.ZERO;
        for (SettlementItem i : items) {
            net = net.add(i.amount());
            switch (i.type()) {
                case "sale", "chargeback_reversal" -> gross = gross.add(i.amount());
                case "refund" -> refunds = refunds.add(i.amount().negate());
                case "chargeback" -> chargebacks = chargebacks.add(i.amount().negate());
                default -> fees = fees.add(i.amount().negate());
            }
        }
        List<String> differences = new ArrayList<>();
        compare(differences, "netAmount", s.netAmount(), net);
        compare(differences, "grossAmount", s.grossAmount(), gross);
        compare(differences, "refundAmount", s.refundAmount(), refunds);
        compare(differences, "chargebackAmount", s.chargebackAmount(), chargebacks);
        compare(differences, "feeAmount", s.feeAmount(), fees);
        if (s.itemCount() == null || s.itemCount() != items.size()) {
            differences.add("itemCount " + s.itemCount() + " but " + items.size() + " items");
        }
        BigDecimal formula = s.grossAmount().subtract(s.refundAmount()).subtract(s.chargebackAmount())
                .subtract(s.feeAmount());
        if (formula.compareTo(s.netAmount()) != 0) {
            differences.add("netAmount " + s.netAmount() + " but gross - refund - chargeback - fee = " + formula);
        }
        if (!differences.isEmpty()) {
            throw new PermanentFailure(s.id(), s.id() + ": " + String.join("; ", differences));
        }
    }

    private static void compare(List<String> differences, String field, BigDecimal stated, BigDecimal fromItems) {
        if (stated == null || stated.compareTo(fromItems) != 0) {
            differences.add(field + " " + stated + " but items sum to " + fromItems);
        }
    }
}
