package com.patientcobridge.posting;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.Chargeback;
import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.Refund;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The payment lifecycle: each state a payment, refund or chargeback is seen in takes exactly the
 * transitions hl7-posting-rules.md asks for, once, keyed by (resource id, transition), so a
 * re-read, a webhook and a poll of the same event post once. History first seen late is posted in
 * order. Decides in memory, on the page's {@link PageLedger}; an impossible sequence is a
 * {@link PermanentFailure} of the record.
 */
class PaymentLifecycle {

    private final boolean enqueues;
    private final Function<String, Account> accounts;
    private final PaymentLookup payments;

    /**
     * {@code accounts} finds an account (staged, or read from Patientco) or fails the record;
     * {@code payments} reads a payment the bridge has not seen; {@code enqueues} is false in batch posting mode.
     */
    PaymentLifecycle(boolean enqueues, Function<String, Account> accounts, PaymentLookup payments) {
        this.enqueues = enqueues;
        this.accounts = accounts;
        this.payments = payments;
    }

    void onPayment(PageLedger ledger, Payment p) {
        payment(ledger, p);
    }

    void onRefund(PageLedger ledger, Refund r) {
        String key = "refund:" + r.id() + ":completed";
        // pending: nothing yet; failed: nothing at all
        if (!"completed".equals(r.status()) || ledger.done(key)) {
            return;
        }
        LedgerEntry e = known(ledger, r.id(), r.paymentId());
        if (e.reversed() || !e.posted()) {
            throw new PermanentFailure(r.id(), r.id() + ": refund of payment " + r.paymentId() + ", which was "
                    + e.status() + (e.posted() ? " and reversed" : " and never posted"));
        }
        if (r.amount().compareTo(e.net()) > 0) {
            throw new PermanentFailure(r.id(), r.id() + ": refund of " + r.amount() + " is above the " + e.net()
                    + " left of payment " + r.paymentId() + " (" + e.postedAmount() + " posted, " + e.refundsPosted()
                    + " refunded, " + e.chargebackAmount() + " charged back)");
        }
        Instant at = r.completedAt() != null ? r.completedAt() : r.updatedAt();
        post(ledger, new FinancialEvent(FinancialEvent.Kind.REFUND_REVERSAL, key, account(e.accountId(), r.id()),
                e.record(), r, null, r.amount(), at));
        ledger.save(e.refunded(r.amount()));
    }

    void onChargeback(PageLedger ledger, Chargeback c) {
        String opened = "chargeback:" + c.id() + ":opened";
        String won = "chargeback:" + c.id() + ":won";
        if (!List.of("opened", "won", "lost").contains(c.status())) {
            throw new PermanentFailure(c.id(), c.id() + ": unknown chargeback status '" + c.status() + "'");
        }
        if (ledger.done(opened) && (!"won".equals(c.status()) || ledger.done(won))) {
            return;
        }
        LedgerEntry e = known(ledger, c.id(), c.paymentId());
        if (e.reversed() || !e.posted()) {
            throw new PermanentFailure(c.id(), c.id() + ": chargeback on payment " + c.paymentId() + ", which was "
                    + e.status() + (e.posted() ? " and reversed" : " and never posted"));
        }
        Account account = account(e.accountId(), c.id());
        // Whatever state the chargeback is first seen in, its reversal comes first.
        if (post(ledger, new FinancialEvent(FinancialEvent.Kind.CHARGEBACK_REVERSAL, opened, account, e.record(), null, c,
                c.amount(), c.openedAt()))) {
            e = e.chargeback(c.status(), c.amount());
        }
        if ("won".equals(c.status()) && post(ledger, new FinancialEvent(FinancialEvent.Kind.CHARGEBACK_REPOST, won,
                account, e.record(), null, c, c.amount(), c.resolvedAt() != null ? c.resolvedAt() : c.updatedAt()))) {
            e = e.chargeback(c.status(), c.amount().negate());
        }
        ledger.save(e.chargeback(c.status(), BigDecimal.ZERO));
    }

    private LedgerEntry payment(PageLedger ledger, Payment p) {
        Account account = account(p.accountId(), p.id());
        LedgerEntry e = ledger.find(p.id());
        e = (e == null ? LedgerEntry.first(p, account.guarantor().id()) : e).seen(p);
        switch (p.status()) {
            case "pending" -> {
                // nothing yet
            }
            case "captured", "settled" -> {
                if (!e.posted() && !e.reversed() && post(ledger, new FinancialEvent(FinancialEvent.Kind.PAYMENT,
                        "payment:" + p.id() + ":captured", account, p, null, null, p.amount(), p.capturedAt()))) {
                    e = e.paymentPosted(p.amount());
                }
            }
            case "failed", "voided" -> {
                if (e.posted() && !e.reversed()) {
                    // The whole payment, less what refunds already reversed: the EHR nets to zero, not below.
                    BigDecimal rest = e.postedAmount().subtract(e.refundsPosted());
                    post(ledger, new FinancialEvent(FinancialEvent.Kind.VOID_REVERSAL, "payment:" + p.id() + ":"
                            + p.status(), account, p, null, null, rest, p.updatedAt()));
                    e = e.closed(rest);
                } else {
                    e = e.closed(BigDecimal.ZERO);
                }
            }
            default -> throw new PermanentFailure(p.id(), p.id() + ": unknown payment status '" + p.status() + "'");
        }
        ledger.save(e);
        return e;
    }

    /** The payment's ledger entry; a payment never seen is read once from Patientco and taken first. */
    private LedgerEntry known(PageLedger ledger, String eventId, String paymentId) {
        LedgerEntry e = ledger.find(paymentId);
        if (e == null || e.record() == null) {
            Payment p = payments.find(paymentId).orElseThrow(() -> new PermanentFailure(eventId,
                    eventId + ": payment " + paymentId + " is unknown to Patientco and the bridge"));
            e = payment(ledger, p);
        }
        return e;
    }

    private Account account(String accountId, String forId) {
        Account a = accounts.apply(accountId);
        if (a == null) {
            throw new PermanentFailure(forId, forId + ": account " + accountId + " not found in staging or at Patientco");
        }
        return a;
    }

    /** Takes the transition (enqueued unless postings are per batch); false if it was taken before. */
    private boolean post(PageLedger ledger, FinancialEvent event) {
        if (event.occurredAt() == null) {
            event = new FinancialEvent(event.kind(), event.eventKey(), event.account(), event.payment(), event.refund(),
                    event.chargeback(), event.amount(), event.payment().updatedAt());
        }
        return ledger.take(event, enqueues);
    }
}
