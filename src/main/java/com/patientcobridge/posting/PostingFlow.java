package com.patientcobridge.posting;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.model.Chargeback;
import com.patientcobridge.model.PatientcoRecord;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.Refund;
import com.patientcobridge.pages.Holds;
import com.patientcobridge.pages.PageContext;
import com.patientcobridge.pages.PageFlow;
import com.patientcobridge.patientco.RecordPage;
import com.patientcobridge.staging.StagedRecords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payment, refund and chargeback flows a page at a time: the page's payments locked and their
 * ledger, transitions and accounts read in bulk; the lifecycle decided in memory, record by record
 * in page order; then the staging rows, ledger, transitions and outbox rows written in one statement
 * each. A record held back by a dead letter waits behind it; one the lifecycle refuses is a dead
 * letter; neither is staged.
 */
final class PostingFlow implements PageFlow<PostingFlow.State> {

    /** Which records the flow posts. */
    enum Kind {
        PAYMENTS("payment-records"), REFUNDS("refund-records"), CHARGEBACKS("chargeback-records");

        final String flow;

        Kind(String flow) {
            this.flow = flow;
        }
    }

    /** What a page's records are decided against. */
    record State(Map<String, LedgerEntry> entries, Set<String> taken, AccountDirectory accounts) {
    }

    /** The writes of a page and its dead letters. */
    record Plan(List<PatientcoRecord> records, PageLedger ledger, List<PageDeadLetters.Entry> deadLetters, Long runId)
            implements PageFlow.Plan {
        @Override
        public int staged() {
            return records.size();
        }
    }

    private final Kind kind;
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Postings postings;
    private final Outbox outbox;
    private final AccountLookup accounts;
    private final PaymentLookup payments;

    PostingFlow(Kind kind, JdbcTemplate jdbc, Postings postings, Outbox outbox, AccountLookup accounts,
            PaymentLookup payments) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.ledger = new Ledger(jdbc);
        this.postings = postings;
        this.outbox = outbox;
        this.accounts = accounts;
        this.payments = payments;
    }

    @Override
    public String flow() {
        return kind.flow;
    }

    @Override
    public State load(RecordPage page) {
        Set<String> paymentIds = new LinkedHashSet<>();
        Set<String> accountIds = new LinkedHashSet<>();
        for (RecordPage.Item item : page.items()) {
            paymentIds.add(paymentId(item.record()));
            if (accountId(item.record()) != null) {
                accountIds.add(accountId(item.record()));
            }
        }
        ledger.lock(paymentIds);
        Map<String, LedgerEntry> entries = ledger.load(paymentIds);
        entries.values().forEach(e -> accountIds.add(e.accountId()));
        for (RecordPage.Malformed m : page.malformed()) {
            rawAccount(m).ifPresent(accountIds::add);
        }
        return new State(entries, ledger.taken(paymentIds), AccountDirectory.load(jdbc, accountIds, accounts));
    }

    @Override
    public Plan plan(State state, List<RecordPage.Item> items, Holds holds, PageContext page) {
        PageLedger book = new PageLedger(state.entries(), state.taken());
        PaymentLifecycle lifecycle = new PaymentLifecycle(postings.enqueues(), state.accounts()::find, payments);
        List<PatientcoRecord> staged = new ArrayList<>();
        List<PageDeadLetters.Entry> dead = new ArrayList<>();
        for (RecordPage.Item item : items) {
            List<String> keys = holdKeys(state, item);
            Optional<Holds.Blocker> behind = holds.blocking(item.id(), keys);
            if (behind.isPresent()) {
                dead.add(page.waiting(item, keys, behind.get()));
                holds.hold(keys, item.id(), behind);
                continue;
            }
            PageLedger.Mark mark = book.mark();
            try {
                switch (kind) {
                    case PAYMENTS -> lifecycle.onPayment(book, (Payment) item.record());
                    case REFUNDS -> lifecycle.onRefund(book, (Refund) item.record());
                    case CHARGEBACKS -> lifecycle.onChargeback(book, (Chargeback) item.record());
                }
                staged.add(item.record());
            } catch (PermanentFailure f) {
                book.undoTo(mark);
                dead.add(page.fault(item, keys, f.reason(), f));
                holds.hold(keys, item.id(), Optional.empty());
            }
        }
        return new Plan(staged, book, dead, page.runId());
    }

    /** After a part of a page was written, the rest is decided against the ledger as that part left it. */
    @Override
    public State advance(State state, PageFlow.Plan written) {
        PageLedger book = ((Plan) written).ledger();
        Map<String, LedgerEntry> entries = new java.util.HashMap<>(state.entries());
        book.changedEntries().forEach(e -> entries.put(e.paymentId(), e));
        Set<String> taken = new java.util.HashSet<>(state.taken());
        book.transitions().forEach(t -> taken.add(t.eventKey()));
        return new State(entries, taken, state.accounts());
    }

    @Override
    public void write(PageFlow.Plan p) {
        Plan plan = (Plan) p;
        stage(plan.records());
        ledger.saveAll(plan.ledger().changedEntries());
        ledger.takeAll(plan.ledger().transitions());
        outbox.enqueueAll(postings.outbound(plan.ledger().events(), kind.flow, plan.runId()));
    }

    @SuppressWarnings("unchecked")
    private void stage(List<PatientcoRecord> records) {
        switch (kind) {
            case PAYMENTS -> StagedRecords.PAYMENTS.upsert(jdbc, (List<Payment>) (List<?>) records);
            case REFUNDS -> StagedRecords.REFUNDS.upsert(jdbc, (List<Refund>) (List<?>) records);
            case CHARGEBACKS -> StagedRecords.CHARGEBACKS.upsert(jdbc, (List<Chargeback>) (List<?>) records);
        }
    }

    /** The payment, its account and guarantor; and the refund or chargeback itself. */
    @Override
    public List<String> holdKeys(State state, RecordPage.Item item) {
        PatientcoRecord r = item.record();
        String paymentId = paymentId(r);
        String accountId = accountId(r);
        if (accountId == null && state.entries().containsKey(paymentId)) {
            accountId = state.entries().get(paymentId).accountId();
        }
        return keys(paymentId, accountId, state.accounts().guarantorOf(accountId), kind == Kind.PAYMENTS ? null
                : (kind == Kind.REFUNDS ? "refund:" : "chargeback:") + r.id());
    }

    @Override
    public List<String> holdKeys(State state, RecordPage.Malformed m) {
        String accountId = rawAccount(m).orElse(null);
        String paymentId = kind == Kind.PAYMENTS ? m.id() : rawField(m, "paymentId").orElse(null);
        return keys(paymentId, accountId, state.accounts().guarantorOf(accountId), null);
    }

    private static List<String> keys(String paymentId, String accountId, String guarantorId, String own) {
        List<String> keys = new ArrayList<>(4);
        if (paymentId != null) {
            keys.add("payment:" + paymentId);
        }
        if (accountId != null) {
            keys.add("account:" + accountId);
        }
        if (guarantorId != null) {
            keys.add("guarantor:" + guarantorId);
        }
        if (own != null) {
            keys.add(own);
        }
        return keys;
    }

    private static String paymentId(PatientcoRecord r) {
        return r instanceof Refund refund ? refund.paymentId() : r instanceof Chargeback c ? c.paymentId() : r.id();
    }

    private static String accountId(PatientcoRecord r) {
        return r instanceof Payment p ? p.accountId() : r instanceof Refund refund ? refund.accountId()
                : r instanceof Chargeback c ? c.accountId() : null;
    }

    private static Optional<String> rawAccount(RecordPage.Malformed m) {
        return rawField(m, "accountId");
    }

    private static Optional<String> rawField(RecordPage.Malformed m, String field) {
        try {
            var node = com.patientcobridge.system.Json.MAPPER.readTree(m.rawJson()).path(field);
            return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
