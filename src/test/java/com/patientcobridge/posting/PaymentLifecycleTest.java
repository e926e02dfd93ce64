package com.patientcobridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.model.Account;
import com.patientcobridge.model.Address;
import com.patientcobridge.model.Chargeback;
import com.patientcobridge.model.Guarantor;
import com.patientcobridge.model.Patient;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.PaymentMethod;
import com.patientcobridge.model.Receipt;
import com.patientcobridge.model.Refund;
import com.patientcobridge.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each payment, refund and chargeback state posts exactly what hl7-posting-rules.md says, once. */
class PaymentLifecycleTest {

    static final Instant T = Instant.parse("2026-11-10T15:00:00Z");
    PostingHarness h;
    TestDatabase db;
    Map<String, Payment> patientco;

    @BeforeEach
    void setUp() throws Exception {
        h = new PostingHarness(Postings.Mode.EVENT);
        h.accounts.put("acc_1", account());
        db = h.db;
        patientco = h.patientco;
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void capturedThenSettledPostsOnePayment() {
        pay(payment("pay_1", "captured", "100.00"));
        pay(payment("pay_1", "settled", "100.00"));
        pay(payment("pay_1", "settled", "100.00"));
        assertThat(keys()).containsExactly("payment:pay_1:captured");
    }

    @Test
    void pendingAndFailedPostNothing() {
        pay(payment("pay_1", "pending", "10.00"));
        pay(payment("pay_2", "failed", "10.00"));
        assertThat(keys()).isEmpty();
    }

    @Test
    void voidSeenBeforePostingPostsNothing() {
        pay(payment("pay_1", "voided", "40.00"));
        assertThat(keys()).isEmpty();
    }

    @Test
    void voidAfterPostingPostsOneReversalOfTheFullAmount() {
        pay(payment("pay_1", "captured", "40.00"));
        pay(payment("pay_1", "voided", "40.00"));
        pay(payment("pay_1", "voided", "40.00"));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "payment:pay_1:voided");
        assertThat(amount("payment:pay_1:voided")).isEqualByComparingTo("40.00");
    }

    @Test
    void partialRefundsPostEachAndNeverMoreThanCaptured() {
        pay(payment("pay_1", "settled", "100.00"));
        refund(refund("ref_1", "pay_1", "30.00", "completed"));
        refund(refund("ref_2", "pay_1", "50.00", "completed"));
        refund(refund("ref_2", "pay_1", "50.00", "completed"));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "refund:ref_1:completed", "refund:ref_2:completed");
        refund(refund("ref_3", "pay_1", "20.01", "completed"));
        assertThat(refusal("ref_3")).contains("above the 20.00 left of payment pay_1");
    }

    @Test
    void pendingRefundWaitsForCompletion() {
        pay(payment("pay_1", "settled", "100.00"));
        refund(refund("ref_1", "pay_1", "100.00", "pending"));
        assertThat(keys()).containsExactly("payment:pay_1:captured");
        refund(refund("ref_1", "pay_1", "100.00", "completed"));
        assertThat(keys()).contains("refund:ref_1:completed");
    }

    @Test
    void paymentFirstSeenAlreadyRefundedPostsThePaymentThenTheReversal() {
        patientco.put("pay_9", payment("pay_9", "settled", "80.00"));
        refund(refund("ref_9", "pay_9", "80.00", "completed"));
        assertThat(keys()).containsExactly("payment:pay_9:captured", "refund:ref_9:completed");
    }

    @Test
    void refundOfUnknownPaymentIsADeadLetterReason() {
        refund(refund("ref_1", "pay_404", "5.00", "completed"));
        assertThat(refusal("ref_1")).contains("pay_404 is unknown");
    }

    @Test
    void chargebackOpenedReversesWonRepostsLostNothingMore() {
        pay(payment("pay_1", "settled", "60.00"));
        pay(payment("pay_2", "settled", "70.00"));
        chargeback(chargeback("cbk_1", "pay_1", "opened"));
        chargeback(chargeback("cbk_1", "pay_1", "won"));
        chargeback(chargeback("cbk_2", "pay_2", "opened"));
        chargeback(chargeback("cbk_2", "pay_2", "lost"));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "payment:pay_2:captured",
                "chargeback:cbk_1:opened", "chargeback:cbk_1:won", "chargeback:cbk_2:opened");
    }

    @Test
    void chargebackFirstSeenWonPostsItsReversalThenTheRepost() {
        pay(payment("pay_1", "settled", "60.00"));
        chargeback(chargeback("cbk_1", "pay_1", "won"));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "chargeback:cbk_1:opened", "chargeback:cbk_1:won");
    }

    @Test
    void chargebackOnAVoidedPaymentIsImpossible() {
        pay(payment("pay_1", "captured", "60.00"));
        pay(payment("pay_1", "voided", "60.00"));
        chargeback(chargeback("cbk_1", "pay_1", "opened"));
        assertThat(refusal("cbk_1")).contains("voided");
    }

    @Test
    void refundWaitsBehindItsPaymentsDeadLetter() {
        db.jdbc.update("INSERT INTO bridge.dead_letter (flow, patientco_id, reason, hold_keys) "
                + "VALUES ('payment-records', 'pay_1', 'x', '{payment:pay_1}')");
        refund(refund("ref_1", "pay_1", "5.00", "completed"));
        assertThat(refusal("ref_1")).contains("waits behind dead letter");
        assertThat(h.deadLetter("ref_1")).containsEntry("status", "waiting");
        assertThat(keys()).isEmpty();
    }

    @Test
    void fullRefundAfterSettlementPostsOneReversalOfTheWholeAmount() {
        pay(payment("pay_1", "captured", "75.00"));
        pay(payment("pay_1", "settled", "75.00"));
        refund(refund("ref_1", "pay_1", "75.00", "completed"));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "refund:ref_1:completed");
        assertThat(amount("refund:ref_1:completed")).isEqualByComparingTo("75.00");
        assertThat(ledger("pay_1")).containsEntry("refunds_posted", new BigDecimal("75.00"))
                .containsEntry("status", "settled");
        refund(refund("ref_2", "pay_1", "0.01", "completed"));
        assertThat(refusal("ref_2")).contains("above the 0.00 left");
    }

    @Test
    void failedPostsNothingUnlessItWasPostedAsCapturedThenAReversal() {
        pay(payment("pay_1", "failed", "25.00"));
        pay(payment("pay_2", "captured", "25.00"));
        pay(payment("pay_2", "failed", "25.00"));
        pay(payment("pay_2", "failed", "25.00"));
        assertThat(keys()).containsExactly("payment:pay_2:captured", "payment:pay_2:failed");
        assertThat(kind("payment:pay_2:failed")).isEqualTo("VOID_REVERSAL");
    }

    @Test
    void chargebackFirstSeenLostPostsOnlyItsReversal() {
        pay(payment("pay_1", "settled", "60.00"));
        chargeback(chargeback("cbk_1", "pay_1", "lost"));
        chargeback(chargeback("cbk_1", "pay_1", "lost"));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "chargeback:cbk_1:opened");
        assertThat(ledger("pay_1")).containsEntry("chargeback_status", "lost")
                .containsEntry("chargeback_amount", new BigDecimal("60.00"));
    }

    @Test
    void anOpenChargebackLeavesNothingToRefund() {
        pay(payment("pay_1", "settled", "60.00"));
        chargeback(chargeback("cbk_1", "pay_1", "opened"));
        refund(refund("ref_1", "pay_1", "10.00", "completed"));
        assertThat(refusal("ref_1")).contains("60.00 charged back");
    }

    @Test
    void wonChargebackGivesTheAmountBackForRefunds() {
        pay(payment("pay_1", "settled", "60.00"));
        chargeback(chargeback("cbk_1", "pay_1", "opened"));
        chargeback(chargeback("cbk_1", "pay_1", "won"));
        refund(refund("ref_1", "pay_1", "10.00", "completed"));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "chargeback:cbk_1:opened", "chargeback:cbk_1:won",
                "refund:ref_1:completed");
    }

    @Test
    void transitionsAreNamedByMeaning() {
        pay(payment("pay_1", "settled", "60.00"));
        refund(refund("ref_1", "pay_1", "10.00", "completed"));
        chargeback(chargeback("cbk_1", "pay_1", "won"));
        assertThat(db.jdbc.queryForList("SELECT event_key || ' ' || kind || ' ' || source_id || ' ' || amount "
                + "FROM bridge.payment_transition ORDER BY at, event_key", String.class)).containsExactlyInAnyOrder(
                        "payment:pay_1:captured PAYMENT pay_1 60.00", "refund:ref_1:completed REFUND_REVERSAL ref_1 10.00",
                        "chargeback:cbk_1:opened CHARGEBACK_REVERSAL cbk_1 60.00",
                        "chargeback:cbk_1:won CHARGEBACK_REPOST cbk_1 60.00");
    }

    @Test
    void batchModeKeepsTheLedgerButEnqueuesNothing() throws Exception {
        try (PostingHarness batch = new PostingHarness(Postings.Mode.BATCH)) {
            batch.accounts.put("acc_1", account());
            batch.send("payment-records", payment("pay_1", "settled", "100.00"));
            Refund r = refund("ref_1", "pay_1", "80.00", "completed");
            batch.send("refund-records", r);
            batch.send("refund-records", r);
            batch.send("refund-records", refund("ref_2", "pay_1", "20.00", "completed"));
            assertThat(batch.outboxKeys()).isEmpty();
            assertThat(batch.db.jdbc.queryForMap("SELECT * FROM bridge.payment_ledger WHERE payment_id = 'pay_1'"))
                    .containsEntry("refunds_posted", new BigDecimal("100.00"));
            assertThat(batch.count("SELECT count(*) FROM bridge.payment_transition WHERE NOT enqueued")).isEqualTo(3);
        }
    }

    @Test
    void aPageOfAPaymentsHistoryPostsItInOrder() {
        h.page("payment-records", List.of(payment("pay_1", "captured", "40.00"), payment("pay_2", "captured", "10.00")));
        h.page("refund-records", List.of(refund("ref_1", "pay_1", "15.00", "completed"),
                refund("ref_2", "pay_1", "25.00", "completed"), refund("ref_3", "pay_1", "0.01", "completed")));
        assertThat(keys()).containsExactly("payment:pay_1:captured", "payment:pay_2:captured", "refund:ref_1:completed",
                "refund:ref_2:completed");
        assertThat(refusal("ref_3")).contains("above the 0.00 left of payment pay_1");
        assertThat(ledger("pay_1")).containsEntry("refunds_posted", new BigDecimal("40.00"));
    }

    private Map<String, Object> ledger(String paymentId) {
        return db.jdbc.queryForMap("SELECT * FROM bridge.payment_ledger WHERE payment_id = ?", paymentId);
    }

    private String kind(String key) {
        return db.jdbc.queryForObject("SELECT event_json->'data'->>'kind' FROM bridge.outbox WHERE event_key = ?",
                String.class, key);
    }

    private void pay(Payment p) {
        patientco.put(p.id(), p);
        h.send("payment-records", p);
    }

    private void refund(Refund r) {
        h.send("refund-records", r);
    }

    private void chargeback(Chargeback c) {
        h.send("chargeback-records", c);
    }

    /** Why the record is a dead letter. */
    private String refusal(String patientcoId) {
        return (String) h.deadLetter(patientcoId).get("reason");
    }

    private List<String> keys() {
        return db.jdbc.queryForList("SELECT event_key FROM bridge.outbox ORDER BY id", String.class);
    }

    private BigDecimal amount(String key) {
        return db.jdbc.queryForObject("SELECT (event_json->'data'->>'amount')::numeric FROM bridge.outbox "
                + "WHERE event_key = ?", BigDecimal.class, key);
    }

    static Account account() {
        Guarantor g = new Guarantor("gtr_1", null, "Siobhán", null, "O'Brien-Smith Jr.", LocalDate.of(1970, 1, 2), "F",
                new Address("1 Peachtree St", null, "Atlanta", "GA", "30303", "US"), "+14045550100", null);
        Patient p = new Patient("pat_1", "MRN1", "Siobhán", "O'Brien-Smith Jr.", LocalDate.of(1970, 1, 2), "F", "self");
        return new Account("acc_1", "fac_atl01", "HAR1", "active", g, List.of(p), List.of(), null, null, T, T);
    }

    static Payment payment(String id, String status, String amount) {
        return new Payment(id, "acc_1", null, null, new BigDecimal(amount), "USD",
                new PaymentMethod("card", "tok_1", "visa", "4242", null), "portal", status, null, BigDecimal.ZERO, false,
                T, "stl_atl01_20261110", new Receipt("R1", null), T, T);
    }

    static Payment onAccount(Payment p, String accountId) {
        return new Payment(p.id(), accountId, p.statementId(), p.planId(), p.amount(), p.currency(), p.method(),
                p.channel(), p.status(), p.failureReason(), p.refundedAmount(), p.disputed(), p.capturedAt(),
                p.settlementBatchId(), p.receipt(), p.createdAt(), p.updatedAt());
    }

    static Refund refund(String id, String paymentId, String amount, String status) {
        return refund(id, paymentId, "acc_1", amount, status);
    }

    static Refund refund(String id, String paymentId, String accountId, String amount, String status) {
        return new Refund(id, paymentId, accountId, new BigDecimal(amount), "requested", status, T,
                "completed".equals(status) ? T : null, null, T);
    }

    /** The account of guarantor {@code gtr_<n>}, {@code acc_<n>}. */
    static Account account(int n) {
        Account a = account();
        Guarantor g = new Guarantor("gtr_" + n, null, a.guarantor().firstName(), null, a.guarantor().lastName(),
                a.guarantor().dateOfBirth(), "F", a.guarantor().address(), null, null);
        return new Account("acc_" + n, a.facilityId(), null, a.status(), g, a.patients(), a.encounters(), null, null, T,
                T);
    }

    static Chargeback chargeback(String id, String paymentId, String status) {
        return chargeback(id, paymentId, "acc_1", status);
    }

    static Chargeback chargeback(String id, String paymentId, String accountId, String status) {
        return new Chargeback(id, paymentId, accountId, new BigDecimal("60.00"), "10.4", status, T,
                "opened".equals(status) ? null : T, null, T);
    }
}
