package com.patientcobridge.posting;

import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.deadletter.PermanentFailure;
import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.hl7.message.Subject;
import com.patientcobridge.patientco.model.Account;
import com.patientcobridge.patientco.model.Chargeback;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.model.Refund;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payment lifecycle: each state a payment, refund or chargeback is seen in posts exactly the
 * ledger entries hl7-posting-rules.md asks for, once, keyed by (resource id, transition), so a
 * re-read, a webhook and a poll of the same event post once. History first seen late is posted in order.
 */
public class PaymentLifecycle {

    private final Ledger ledger;
    private final Outbox outbox;
    private final AccountLookup accounts;
    private final PaymentLookup payments;
    private final DeadLetterStore deadLetters;
    private final JdbcTemplate jdbc;
    private final boolean postEvents;

    public PaymentLifecycle(JdbcTemplate jdbc, Outbox outbox, AccountLookup accounts, PaymentLookup payments,
            DeadLetterStore deadLetters, boolean postEvents) {
        this.jdbc = jdbc;
        this.ledger = new Ledger(jdbc);
        this.outbox = outbox;
        this.accounts = accounts;
        this.payments = payments;
        this.deadLetters = deadLetters;
        this.postEvents = postEvents;
    }

    public void onPayment(Payment p, String flow, Long runId) {
        Account account = account(p.accountId(), p.id());
        Ledger.Entry e = ledger.find(p.id());
        boolean posted = e != null && e.posted();
        boolean reversed = e != null && e.reversed();
        switch (p.status()) {
            case "captured", "settled" -> {
                if (!posted && !reversed) {
                    post(FinancialEvent.Kind.PAYMENT, "payment:" + p.id() + ":captured", account, p, null, null,
                            p.amount(), p.capturedAt(), flow, runId);
                    posted = true;
                }
            }
            case "failed", "voided" -> {
                if (posted && !reversed) {
                    post(FinancialEvent.Kind.VOID_REVERSAL, "payment:" + p.id() + ":" + p.status(), account, p, null,
                            null, p.amount(), p.updatedAt(), flow, runId);
                }
                reversed = true;
            }
            default -> {
                // pending: nothing to post yet
            }
        }
        ledger.save(new Ledger.Entry(p.id(), p.accountId(), account.guarantor().id(), p.amount(), p.status(), posted,
                reversed, e == null ? BigDecimal.ZERO : e.refundsPosted()));
    }

    public void onRefund(Refund r, String flow, Long runId) {
        if (!"completed".equals(r.status())) {
            return;
        }
        Ledger.Entry e = payment(r.id(), r.paymentId(), flow, runId);
        if (e.reversed()) {
            throw new PermanentFailure(r.id(), r.id() + ": refund of payment " + r.paymentId() + ", which was "
                    + e.status() + " and reversed");
        }
        if (!e.posted()) {
            throw new PermanentFailure(r.id(), r.id() + ": refund of payment " + r.paymentId() + ", which was never posted ("
                    + e.status() + ")");
        }
        String key = "refund:" + r.id() + ":completed";
        if (exists(key)) {
            return;
        }
        BigDecimal rest = e.amount().subtract(e.refundsPosted());
        if (r.amount().compareTo(rest) > 0) {
            throw new PermanentFailure(r.id(), r.id() + ": refund of " + r.amount() + " is above the " + rest
                    + " left of payment " + r.paymentId() + " (" + e.amount() + " posted, " + e.refundsPosted()
                    + " refunded)");
        }
        Payment p = payments.find(r.paymentId()).orElseThrow();
        post(FinancialEvent.Kind.REFUND_REVERSAL, key, account(p.accountId(), r.id()), p, r, null, r.amount(),
                r.completedAt() != null ? r.completedAt() : r.updatedAt(), flow, runId);
        ledger.save(new Ledger.Entry(e.paymentId(), e.accountId(), e.guarantorId(), e.amount(), e.status(), e.posted(),
                e.reversed(), e.refundsPosted().add(r.amount())));
    }

    public void onChargeback(Chargeback c, String flow, Long runId) {
        Ledger.Entry e = payment(c.id(), c.paymentId(), flow, runId);
        if (e.reversed() || !e.posted()) {
            throw new PermanentFailure(c.id(), c.id() + ": chargeback on payment " + c.paymentId() + ", which was "
                    + e.status() + (e.posted() ? "" : " and never posted"));
        }
        Payment p = payments.find(c.paymentId()).orElseThrow();
        Account account = account(p.accountId(), c.id());
        // Whatever state the chargeback is first seen in, its reversal comes first.
        post(FinancialEvent.Kind.CHARGEBACK_REVERSAL, "chargeback:" + c.id() + ":opened", account, p, null, c, c.amount(),
                c.openedAt(), flow, runId);
        if ("won".equals(c.status())) {
            post(FinancialEvent.Kind.CHARGEBACK_REPOST, "chargeback:" + c.id() + ":won", account, p, null, c, c.amount(),
                    c.resolvedAt() != null ? c.resolvedAt() : c.updatedAt(), flow, runId);
        }
    }

    /** The payment's ledger entry; a payment never seen is fetched and posted first, or the event is impossible. */
    private Ledger.Entry payment(String eventId, String paymentId, String flow, Long runId) {
        Long blocker = deadLetters.openFor(paymentId);
        if (blocker != null) {
            throw new BlockedByDeadLetter(eventId, paymentId, blocker);
        }
        Ledger.Entry e = ledger.find(paymentId);
        if (e == null) {
            Payment p = payments.find(paymentId).orElseThrow(() -> new PermanentFailure(eventId,
                    eventId + ": payment " + paymentId + " is unknown to Patientco and the bridge"));
            onPayment(p, flow, runId);
            e = ledger.find(paymentId);
        }
        return e;
    }

    private Account account(String accountId, String forId) {
        return accounts.find(accountId).orElseThrow(() -> new PermanentFailure(forId,
                forId + ": account " + accountId + " not found in staging or at Patientco"));
    }

    private boolean exists(String eventKey) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE event_key = ?", Integer.class, eventKey);
        return n != null && n > 0;
    }

    private void post(FinancialEvent.Kind kind, String key, Account account, Payment p, Refund r, Chargeback c,
            BigDecimal amount, Instant at, String flow, Long runId) {
        if (!postEvents) {
            return;
        }
        FinancialEvent event = new FinancialEvent(kind, key, account, p, r, c, amount, at == null ? p.updatedAt() : at);
        Subject subject = Subject.of(account);
        outbox.enqueue(new OutboundEvent(key, flow, "DFT^P03", account.guarantor().id(), p.id(),
                List.of(p.id(), event.sourceId(), account.id()), subject.patient() == null ? null : subject.patient().id(),
                p.settlementBatchId(), event, runId));
    }
}
