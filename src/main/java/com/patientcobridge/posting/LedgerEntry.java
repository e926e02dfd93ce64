package com.patientcobridge.posting;

import com.patientcobridge.model.Payment;
import java.math.BigDecimal;

/**
 * One payment as posted to the EHR ({@code bridge.payment_ledger}): amounts are what the EHR has
 * been given, not what Patientco says. Immutable: each transition makes a new entry.
 */
record LedgerEntry(String paymentId, String accountId, String guarantorId, BigDecimal amount, String status,
        boolean posted, boolean reversed, BigDecimal refundsPosted, BigDecimal postedAmount, BigDecimal reversedAmount,
        BigDecimal chargebackAmount, String chargebackStatus, Payment record) {

    static LedgerEntry first(Payment p, String guarantorId) {
        return new LedgerEntry(p.id(), p.accountId(), guarantorId, p.amount(), p.status(), false, false, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null, p);
    }

    /** What is still posted of the payment: a refund or chargeback can reverse no more than this. */
    BigDecimal net() {
        return postedAmount.subtract(reversedAmount).subtract(refundsPosted).subtract(chargebackAmount);
    }

    LedgerEntry seen(Payment p) {
        return new LedgerEntry(paymentId, accountId, guarantorId, amount, p.status(), posted, reversed, refundsPosted,
                postedAmount, reversedAmount, chargebackAmount, chargebackStatus, p);
    }

    LedgerEntry paymentPosted(BigDecimal a) {
        return new LedgerEntry(paymentId, accountId, guarantorId, amount, status, true, reversed, refundsPosted,
                postedAmount.add(a), reversedAmount, chargebackAmount, chargebackStatus, record);
    }

    /** Voided or failed: nothing more can happen to it; {@code a} is the reversal posted, if any. */
    LedgerEntry closed(BigDecimal a) {
        return new LedgerEntry(paymentId, accountId, guarantorId, amount, status, posted, true, refundsPosted, postedAmount,
                reversedAmount.add(a), chargebackAmount, chargebackStatus, record);
    }

    LedgerEntry refunded(BigDecimal a) {
        return new LedgerEntry(paymentId, accountId, guarantorId, amount, status, posted, reversed, refundsPosted.add(a),
                postedAmount, reversedAmount, chargebackAmount, chargebackStatus, record);
    }

    LedgerEntry chargeback(String cbStatus, BigDecimal change) {
        return new LedgerEntry(paymentId, accountId, guarantorId, amount, status, posted, reversed, refundsPosted,
                postedAmount, reversedAmount, chargebackAmount.add(change), cbStatus, record);
    }
}
