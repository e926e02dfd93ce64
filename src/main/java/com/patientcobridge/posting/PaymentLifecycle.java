package com.patientcobridge.posting;

import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.patientco.model.Account;
import com.patientcobridge.patientco.model.Chargeback;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.model.Refund;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payment lifecycle: each state a payment, refund or chargeback is seen in takes exactly the
 * transitions hl7-posting-rules.md asks for, once, keyed by (resource id, transition), so a
 * re-read, a webhook and a poll of the same event post once. History first seen late is posted
 * in order. Runs inside the record's transaction: ledger, transitions and outbox commit together.
 */
public class PaymentLifecycle {

    private final Ledger ledger;
    private final Postings postings;
    private final AccountLookup accounts;
    private final PaymentLookup payments;
    private final DeadLetterStore deadLetters;

    public PaymentLifecycle(JdbcTemplate jdbc, Postings postings, AccountLookup accounts, PaymentLookup payments,
            DeadLetterStore deadLetters) {
        this.ledger = new Ledger(jdbc);
        this.postings = postings;
        this.accounts = accounts;
        this.payments = payments;
        this.deadLetters = deadLetters;
    }

    /** Returns the events newly posted (in order); empty for a re-read or a state that posts nothing. */
    public List<FinancialEvent> onPayment(Payment p, String flow, Long runId) {
        ledger.lock(p.id());
        List<FinancialEvent> out = new ArrayList<>();
        payment(p, flow, runId, out);
        return out;
    }

    public List<FinancialEvent> onRefund(Refund r, String flow, Long runId) {
        List<FinancialEvent> out = new ArrayList<>();
        String key = "refund:" + r.id() + ":completed";
        // pending: nothing yet; failed: nothing at all
        if (!"completed".equals(r.status())) {
            return out;
        }
        ledger.lock(r.paymentId());
        if (ledger.done(key)) {
            return out;
        }
        Ledger.Entry e = known(r.id(), r.paymentId(), flow, runId, out);
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
        post(new FinancialEvent(FinancialEvent.Kind.REFUND_REVERSAL, key, account(e.accountId(), r.id()), e.record(), r,
                null, r.amount(), at), flow, runId, out);
        ledger.save(e.refunded(r.amount()));
        return out;
    }

    public List<FinancialEvent> onChargeback(Chargeback c, String flow, Long runId) {
        List<FinancialEvent> out = new ArrayList<>();
        String opened = "chargeback:" + c.id() + ":opened";
        String won = "chargeback:" + c.id() + ":won";
        if (!List.of("opened", "won", "lost").contains(c.status())) {
            throw new PermanentFailure(c.id(), c.id() + ": unknown chargeback status '" + c.status() + "'");
        }
        ledger.lock(c.paymentId());
        if (ledger.done(opened) && (!"won".equals(c.status()) || ledger.done(won))) {
            return out;
        }
        Ledger.Entry e = known(c.id(), c.paymentId(), flow, runId, out);
        if (e.reversed() || !e.posted()) {
            throw new PermanentFailure(c.id(), c.id() + ": chargeback on payment " + c.paymentId() + ", which was "
                    + e.status() + (e.posted() ? " and reversed" : " and never posted"));
        }
        Account account = account(e.accountId(), c.id());
        // Whatever state the chargeback is first seen in, its reversal comes first.
        if (post(new FinancialEvent(FinancialEvent.Kind.CHARGEBACK_REVERSAL, opened, account, e.record(), null, c,
                c.amount(), c.openedAt()), flow, runId, out)) {
            e = e.chargeback(c.status(), c.amount());
        }
        if ("won".equals(c.status()) && post(new FinancialEvent(FinancialEvent.Kind.CHARGEBACK_REPOST, won, account,
                e.record(), null, c, c.amount(), c.resolvedAt() != null ? c.resolvedAt() : c.updatedAt()), flow, runId,
                out)) {
            e = e.chargeback(c.status(), c.amount().negate());
        }
        ledger.save(e.chargeback(c.status(), BigDecimal.ZERO));
        return out;
    }

    private Ledger.Entry payment(Payment p, String flow, Long runId, List<FinancialEvent> out) {
        Account account = account(p.accountId(), p.id());
        Ledger.Entry e = ledger.find(p.id());
        e = (e == null ? Ledger.Entry.first(p, account.guarantor().id()) : e).seen(p);
        switch (p.status()) {
            case "pending" -> {
                // nothing yet
            }
            case "captured", "settled" -> {
                if (!e.posted() && !e.reversed() && post(new FinancialEvent(FinancialEvent.Kind.PAYMENT,
                        "payment:" + p.id() + ":captured", account, p, null, null, p.amount(), p.capturedAt()), flow,
                        runId, out)) {
                    e = e.paymentPosted(p.amount());
                }
            }
            case "failed", "voided" -> {
                if (e.posted() && !e.reversed()) {
                    // The whole payment, less what refunds already reversed: the EHR nets to zero, not below.
                    BigDecimal rest = e.postedAmount().subtract(e.refundsPosted());
                    post(new FinancialEvent(FinancialEvent.Kind.VOID_REVERSAL, "payment:" + p.id() + ":" + p.status(),
                            account, p, null, null, rest, p.updatedAt()), flow, runId, out);
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

    /**
     * The payment's ledger entry. A payment with an open dead letter holds its refunds and
     * chargebacks behind it; a payment never seen is fetched once from Patientco and taken first.
     */
    private Ledger.Entry known(String eventId, String paymentId, String flow, Long runId, List<FinancialEvent> out) {
        Long blocker = deadLetters.openFor(paymentId);
        if (blocker != null) {
            throw new BlockedByDeadLetter(eventId, paymentId, blocker);
        }
        Ledger.Entry e = ledger.find(paymentId);
        if (e == null || e.record() == null) {
            Payment p = payments.find(paymentId).orElseThrow(() -> new PermanentFailure(eventId,
                    eventId + ": payment " + paymentId + " is unknown to Patientco and the bridge"));
            e = payment(p, flow, runId, out);
        }
        return e;
    }

    private Account account(String accountId, String forId) {
        return accounts.find(accountId).orElseThrow(() -> new PermanentFailure(forId,
                forId + ": account " + accountId + " not found in staging or at Patientco"));
    }

    /** Takes the transition; enqueues it unless it was taken before or postings are per batch. */
    private boolean post(FinancialEvent event, String flow, Long runId, List<FinancialEvent> out) {
        if (event.occurredAt() == null) {
            event = new FinancialEvent(event.kind(), event.eventKey(), event.account(), event.payment(), event.refund(),
                    event.chargeback(), event.amount(), event.payment().updatedAt());
        }
        if (!ledger.take(event, event.payment().id(), postings.enqueues())) {
            return false;
        }
        postings.enqueue(event, flow, runId);
        out.add(event);
        return true;
    }
}
