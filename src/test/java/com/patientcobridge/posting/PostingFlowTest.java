package com.patientcobridge.posting;

import static com.patientcobridge.posting.PaymentLifecycleTest.account;
import static com.patientcobridge.posting.PaymentLifecycleTest.chargeback;
import static com.patientcobridge.posting.PaymentLifecycleTest.onAccount;
import static com.patientcobridge.posting.PaymentLifecycleTest.payment;
import static com.patientcobridge.posting.PaymentLifecycleTest.refund;
import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.deadletter.DeadLetterActions.DeadLetterFilter;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.Refund;
import com.patientcobridge.system.BridgeHeaders;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment, refund and chargeback routes as pages: what reaches the outbox, what ends as a dead
 * letter and why, what waits behind a dead letter, and what a replay, resolve or discard does.
 */
class PostingFlowTest {

    PostingHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new PostingHarness(Postings.Mode.EVENT);
        h.accounts.put("acc_1", account());
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void sameRefundFromReReadWebhookAndPollPostsOnce() {
        h.send("payment-records", payment("pay_1", "settled", "100.00"));
        Refund r = refund("ref_1", "pay_1", "40.00", "completed");
        h.send("refund-records", r, Map.of(BridgeHeaders.RESOURCE, "refunds"));
        h.send("refund-records", r, Map.of("PatientcoWebhookEventId", "evt_1"));
        h.send("refund-records", r);
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured", "refund:ref_1:completed");
        assertThat(h.count("SELECT count(*) FROM bridge.dead_letter")).isZero();
    }

    @Test
    void impossibleSequencesAreDeadLetteredWithReasonsAndRolledBack() {
        for (int n = 1; n <= 4; n++) {
            h.accounts.put("acc_" + n, PaymentLifecycleTest.account(n));
        }
        // Each on an account of its own: a dead letter holds back its guarantor's later events.
        h.send("payment-records", onAccount(payment("pay_1", "settled", "50.00"), "acc_1"));
        h.send("payment-records", onAccount(payment("pay_2", "captured", "20.00"), "acc_2"));
        h.send("payment-records", onAccount(payment("pay_2", "voided", "20.00"), "acc_2"));
        h.send("refund-records", refund("ref_unknown", "pay_404", "acc_3", "5.00", "completed"));
        h.send("refund-records", refund("ref_big", "pay_1", "acc_1", "50.01", "completed"));
        h.send("chargeback-records", chargeback("cbk_void", "pay_2", "acc_2", "opened"));
        h.send("chargeback-records", chargeback("cbk_unknown", "pay_405", "acc_4", "won"));

        assertThat((String) h.deadLetter("ref_unknown").get("reason")).contains("payment pay_404 is unknown");
        assertThat((String) h.deadLetter("ref_big").get("reason")).contains("above the 50.00 left of payment pay_1");
        assertThat((String) h.deadLetter("cbk_void").get("reason")).contains("pay_2, which was voided");
        assertThat((String) h.deadLetter("cbk_unknown").get("reason")).contains("payment pay_405 is unknown");
        Map<String, Object> d = h.deadLetter("ref_big");
        assertThat(d).containsEntry("flow", "refund-records").containsEntry("resource", "refunds")
                .containsEntry("status", "open").containsEntry("attempts", 1)
                .containsEntry("payload_type", Refund.class.getName())
                .containsEntry("endpoint_uri", "direct:refund-records");
        assertThat((String) d.get("exception")).startsWith("com.patientcobridge.failure.PermanentFailure: ");
        assertThat((String) d.get("payload")).contains("\"id\":\"ref_big\"");
        // The failed records were not staged; the dead letters stayed.
        assertThat(h.count("SELECT count(*) FROM staging.refund WHERE id IN ('ref_unknown', 'ref_big')")
                + h.count("SELECT count(*) FROM staging.chargeback WHERE id IN ('cbk_void', 'cbk_unknown')")).isZero();
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured", "payment:pay_2:captured",
                "payment:pay_2:voided");
        assertThat(h.lookups.get()).as("each unknown payment is asked for once").isEqualTo(2);
    }

    @Test
    void aRecordFailingAgainKeepsOneOpenDeadLetterWithItsAttempts() {
        Refund r = refund("ref_1", "pay_404", "5.00", "completed");
        h.send("refund-records", r);
        h.send("refund-records", r);
        assertThat(h.count("SELECT count(*) FROM bridge.dead_letter WHERE patientco_id = 'ref_1'")).isEqualTo(1);
        assertThat(h.deadLetter("ref_1")).containsEntry("attempts", 2).containsEntry("status", "open");
    }

    @Test
    void poisonRecordAmongGoodOnesLetsTheOthersThrough() {
        for (int i = 1; i <= 5; i++) {
            Payment p = payment("pay_" + i, "captured", i + ".00");
            h.send("payment-records", i == 3 ? onAccount(p, "acc_gone") : p);
        }
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured", "payment:pay_2:captured",
                "payment:pay_4:captured", "payment:pay_5:captured");
        assertThat((String) h.deadLetter("pay_3").get("reason")).contains("account acc_gone not found");
    }

    @Test
    void refundWaitsBehindItsPaymentsDeadLetterAndIsReleasedOnReplay() {
        Payment orphan = onAccount(payment("pay_1", "settled", "90.00"), "acc_late");
        h.send("payment-records", orphan);
        long paymentDead = ((Number) h.deadLetter("pay_1").get("id")).longValue();
        h.send("refund-records", refund("ref_1", "pay_1", "acc_late", "30.00", "completed"));
        h.send("chargeback-records", chargeback("cbk_1", "pay_1", "acc_late", "opened"));
        // No head-of-line blocking: another guarantor's payment and refund go through meanwhile.
        h.send("payment-records", payment("pay_2", "settled", "10.00"));
        h.send("refund-records", refund("ref_2", "pay_2", "10.00", "completed"));

        assertThat(h.deadLetter("ref_1")).containsEntry("status", "waiting").containsEntry("blocked_by", paymentDead);
        assertThat(h.deadLetter("cbk_1")).containsEntry("status", "waiting").containsEntry("blocked_by", paymentDead);
        assertThat(h.outboxKeys()).containsExactly("payment:pay_2:captured", "refund:ref_2:completed");

        h.accounts.put("acc_late", account());
        assertThat(h.deadLetters.replay(paymentDead, "olivia")).isTrue();

        assertThat(h.outboxKeys()).containsExactly("payment:pay_2:captured", "refund:ref_2:completed",
                "payment:pay_1:captured", "refund:ref_1:completed", "chargeback:cbk_1:opened");
        assertThat(h.db.jdbc.queryForList("SELECT status FROM bridge.dead_letter ORDER BY id", String.class))
                .containsExactly("replayed", "replayed", "replayed");
        assertThat(h.db.jdbc.queryForList("SELECT actor || ' ' || action || ' ' || target FROM bridge.audit ORDER BY id",
                String.class)).containsExactly("olivia replay dead_letter:" + paymentDead,
                        "olivia replay dead_letter:" + (paymentDead + 1), "olivia replay dead_letter:" + (paymentDead + 2));
    }

    @Test
    void resolvingTheBlockerOpensWhatWaitedAndDiscardIsAudited() {
        h.send("payment-records", onAccount(payment("pay_1", "captured", "10.00"), "acc_gone"));
        long blocker = ((Number) h.deadLetter("pay_1").get("id")).longValue();
        h.send("refund-records", refund("ref_1", "pay_1", "acc_gone", "5.00", "completed"));
        h.send("refund-records", refund("ref_9", "pay_404", "5.00", "completed"));

        h.deadLetters.resolve(blocker, "payment keyed by hand in the EHR, INC-2231", "olivia");
        h.deadLetters.discard(((Number) h.deadLetter("ref_9").get("id")).longValue(), "sandbox test data", "olivia");

        assertThat(h.deadLetter("pay_1")).containsEntry("status", "resolved")
                .containsEntry("note", "payment keyed by hand in the EHR, INC-2231");
        assertThat(h.deadLetter("ref_1")).containsEntry("status", "open");
        assertThat(h.deadLetter("ref_9")).containsEntry("status", "discarded");
        assertThat(h.db.jdbc.queryForList("SELECT action FROM bridge.audit ORDER BY id", String.class))
                .containsExactly("resolve", "unblock", "discard");
    }

    @Test
    void replayMatchingReplaysOnlyTheFilteredOnes() {
        h.send("refund-records", refund("ref_1", "pay_7", "5.00", "completed"));
        h.send("refund-records", refund("ref_2", "pay_8", "5.00", "completed"));
        h.send("payment-records", onAccount(payment("pay_9", "captured", "5.00"), "acc_gone"));
        h.patientco.put("pay_7", payment("pay_7", "settled", "50.00"));
        h.patientco.put("pay_8", payment("pay_8", "settled", "50.00"));

        List<Long> replayed = h.deadLetters.replayMatching(new DeadLetterFilter("refund-records", null, null,
                "unknown"), "olivia");

        // ref_2 waited behind ref_1 (the same account): it followed ref_1's replay.
        assertThat(replayed).containsExactly(((Number) h.deadLetter("ref_1").get("id")).longValue());
        assertThat(h.deadLetter("ref_2")).containsEntry("status", "replayed");
        assertThat(h.outboxKeys()).containsExactly("payment:pay_7:captured", "refund:ref_1:completed",
                "payment:pay_8:captured", "refund:ref_2:completed");
        assertThat(h.deadLetter("pay_9")).containsEntry("status", "open");
    }

    @Test
    void concurrentRefundsOfOnePaymentNeverReverseMoreThanItsAmount() throws Exception {
        int payments = 10;
        for (int i = 0; i < payments; i++) {
            h.accounts.put("acc_" + (10 + i), PaymentLifecycleTest.account(10 + i));
            h.send("payment-records", onAccount(payment("pay_" + i, "settled", "100.00"), "acc_" + (10 + i)));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < payments; i++) {
                for (String r : new String[] {"a", "b"}) {
                    Refund refund = refund("ref_" + r + i, "pay_" + i, "acc_" + (10 + i), "60.00", "completed");
                    done.add(pool.submit(() -> h.send("refund-records", refund)));
                }
            }
            for (var f : done) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(h.count("SELECT count(*) FROM bridge.outbox WHERE event_key LIKE 'refund:%'")).isEqualTo(payments);
        assertThat(h.count("SELECT count(*) FROM bridge.dead_letter WHERE reason LIKE '%is above the 40.00 left%'"))
                .isEqualTo(payments);
        assertThat(h.count("SELECT count(*) FROM bridge.payment_ledger WHERE refunds_posted <> 60.00")).isZero();
    }

    @Test
    void anOutageFailsThePageWholeAndIsNeverADeadLetter() {
        h.send("payment-records", payment("pay_1", "settled", "100.00"));
        h.outages.put("pay_7", 1);
        org.apache.camel.Exchange failed = h.page("refund-records", List.of(refund("ref_1", "pay_1", "10.00", "completed"),
                refund("ref_7", "pay_7", "5.00", "completed")));
        assertThat(failed.getException()).isNotNull();
        assertThat(h.count("SELECT count(*) FROM bridge.dead_letter")).isZero();
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured");
        assertThat(h.count("SELECT count(*) FROM staging.refund")).as("nothing of the page was kept").isZero();

        h.patientco.put("pay_7", payment("pay_7", "settled", "5.00"));
        assertThat(h.page("refund-records", List.of(refund("ref_1", "pay_1", "10.00", "completed"),
                refund("ref_7", "pay_7", "5.00", "completed"))).getException()).isNull();
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured", "refund:ref_1:completed",
                "payment:pay_7:captured", "refund:ref_7:completed");
    }

    @Test
    void aRecordTheDatabaseRefusesIsFoundByHalvesAndTheRestOfThePageIsWritten() {
        List<Payment> page = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // A guarantor each: a dead letter would hold back its own guarantor's later payments.
            h.accounts.put("acc_" + (100 + i), PaymentLifecycleTest.account(100 + i));
            Payment p = onAccount(payment("pay_" + i, "captured", "10.00"), "acc_" + (100 + i));
            // A channel the validator does not look at, with a NUL that PostgreSQL's text cannot hold.
            page.add(i == 37 ? new Payment(p.id(), p.accountId(), null, null, p.amount(), "USD", p.method(),
                    "portal\u0000", p.status(), null, BigDecimal.ZERO, false, p.capturedAt(), null, p.receipt(),
                    p.createdAt(), p.updatedAt()) : p);
        }
        assertThat(h.page("payment-records", page).getException()).isNull();
        assertThat(h.outboxKeys()).hasSize(99).doesNotContain("payment:pay_37:captured")
                .as("the rest in page order").startsWith("payment:pay_0:captured", "payment:pay_1:captured");
        assertThat(h.count("SELECT count(*) FROM staging.payment")).isEqualTo(99);
        assertThat((String) h.deadLetter("pay_37").get("reason")).contains("the database refused its write")
                .contains("SQLSTATE 22");
    }

    @Test
    void aGuarantorsLaterPaymentWaitsBehindItsEarlierDeadLetterAndFollowsItOnReplay() {
        h.stage(account());
        h.stage(onAccount2());
        // The refund of a payment Patientco does not know yet: a dead letter naming account acc_1, guarantor gtr_1.
        h.send("refund-records", refund("ref_1", "pay_7", "5.00", "completed"));
        long first = ((Number) h.deadLetter("ref_1").get("id")).longValue();
        // Later, another account of the same guarantor pays: it must not reach the EHR before the refund.
        h.send("payment-records", onAccount(payment("pay_2", "captured", "20.00"), "acc_2"));
        assertThat(h.deadLetter("pay_2")).containsEntry("status", "waiting").containsEntry("blocked_by", first);
        assertThat(h.outboxKeys()).isEmpty();

        h.patientco.put("pay_7", payment("pay_7", "settled", "50.00"));
        assertThat(h.deadLetters.replay(first, "olivia")).isTrue();
        assertThat(h.outboxKeys()).containsExactly("payment:pay_7:captured", "refund:ref_1:completed",
                "payment:pay_2:captured");
    }

    @Test
    void aNewVersionOfADeadLetteredRecordIsDecidedAgainAndWhatWaitedBehindItFollows() {
        h.send("payment-records", payment("pay_1", "settled", "60.00"));
        h.send("chargeback-records", chargeback("cbk_1", "pay_1", "opened"));
        h.send("refund-records", refund("ref_1", "pay_1", "10.00", "completed"));
        assertThat((String) h.deadLetter("ref_1").get("reason")).contains("60.00 charged back");
        // The chargeback's next state waits behind the refused refund of its payment.
        h.send("chargeback-records", chargeback("cbk_1", "pay_1", "won"));
        assertThat(h.deadLetter("cbk_1")).containsEntry("status", "waiting");
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured", "chargeback:cbk_1:opened");
        // A person resolves the refund (it is posted by hand); what waited opens, and is replayed.
        h.deadLetters.resolve(((Number) h.deadLetter("ref_1").get("id")).longValue(), "posted by hand", "olivia");
        assertThat(h.deadLetters.replay(((Number) h.deadLetter("cbk_1").get("id")).longValue(), "olivia")).isTrue();
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured", "chargeback:cbk_1:opened",
                "chargeback:cbk_1:won");
        // A new version of a dead-lettered record is not held by its own dead letter.
        h.send("refund-records", refund("ref_2", "pay_404", "1.00", "completed"));
        h.patientco.put("pay_404", payment("pay_404", "settled", "1.00"));
        h.send("refund-records", refund("ref_2", "pay_404", "1.00", "completed"));
        assertThat(h.outboxKeys()).contains("refund:ref_2:completed");
        assertThat(h.deadLetter("ref_2")).containsEntry("status", "replayed");
    }

    static com.patientcobridge.model.Account onAccount2() {
        com.patientcobridge.model.Account a = account();
        return new com.patientcobridge.model.Account("acc_2", a.facilityId(), null, a.status(), a.guarantor(),
                a.patients(), a.encounters(), a.balance(), a.communicationPreferences(), a.createdAt(), a.updatedAt());
    }
}
