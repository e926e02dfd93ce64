package com.patientcobridge.posting;

import static com.patientcobridge.posting.PaymentLifecycleTest.account;
import static com.patientcobridge.posting.PaymentLifecycleTest.chargeback;
import static com.patientcobridge.posting.PaymentLifecycleTest.onAccount;
import static com.patientcobridge.posting.PaymentLifecycleTest.payment;
import static com.patientcobridge.posting.PaymentLifecycleTest.refund;
import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.deadletter.DeadLetterActions.DeadLetterFilter;
import com.patientcobridge.patientco.model.Payment;
import com.patientcobridge.patientco.model.Refund;
import com.patientcobridge.system.BridgeHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment, refund and chargeback routes with the bridge-errors channel: what reaches the
 * outbox, what ends as a dead letter and why, and what a replay, resolve or discard does.
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
        h.send("payment-records", payment("pay_1", "settled", "50.00"));
        h.send("payment-records", payment("pay_2", "captured", "20.00"));
        h.send("payment-records", payment("pay_2", "voided", "20.00"));
        h.send("refund-records", refund("ref_unknown", "pay_404", "5.00", "completed"));
        h.send("refund-records", refund("ref_big", "pay_1", "50.01", "completed"));
        h.send("chargeback-records", chargeback("cbk_void", "pay_2", "opened"));
        h.send("chargeback-records", chargeback("cbk_unknown", "pay_405", "won"));

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
        // The failed records' staging writes were rolled back with them; the dead letters stayed.
        assertThat(h.count("SELECT count(*) FROM bridge.test_staged WHERE id IN ('ref_unknown', 'ref_big', 'cbk_void')"))
                .isZero();
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured", "payment:pay_2:captured",
                "payment:pay_2:voided");
        assertThat(h.lookups.get()).as("each unknown payment is asked for once").isEqualTo(2);
    }

    @Test
    void aRecordFailingAgainKeepsOneOpenDeadLetterWithItsAttempts() {
        long run = h.runs.start("refunds", "test");
        Refund r = refund("ref_1", "pay_404", "5.00", "completed");
        h.send("refund-records", r, Map.of(BridgeHeaders.RUN_ID, run));
        h.send("refund-records", r, Map.of(BridgeHeaders.RUN_ID, run));
        assertThat(h.count("SELECT count(*) FROM bridge.dead_letter WHERE patientco_id = 'ref_1'")).isEqualTo(1);
        assertThat(h.deadLetter("ref_1")).containsEntry("attempts", 2);
        assertThat(h.runs.get(run).deadLettered()).isEqualTo(2);
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
        h.send("refund-records", refund("ref_1", "pay_1", "30.00", "completed"));
        h.send("chargeback-records", chargeback("cbk_1", "pay_1", "opened"));
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
        h.send("refund-records", refund("ref_1", "pay_1", "5.00", "completed"));
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

        assertThat(replayed).hasSize(2);
        assertThat(h.outboxKeys()).containsExactly("payment:pay_7:captured", "refund:ref_1:completed",
                "payment:pay_8:captured", "refund:ref_2:completed");
        assertThat(h.deadLetter("pay_9")).containsEntry("status", "open");
    }

    @Test
    void concurrentRefundsOfOnePaymentNeverReverseMoreThanItsAmount() throws Exception {
        int payments = 10;
        for (int i = 0; i < payments; i++) {
            h.send("payment-records", payment("pay_" + i, "settled", "100.00"));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < payments; i++) {
                for (String r : new String[] {"a", "b"}) {
                    Refund refund = refund("ref_" + r + i, "pay_" + i, "60.00", "completed");
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
    void transientFailureIsRedeliveredThenSucceeds() {
        h.transientFailures.put("pay_1", 2);
        h.send("payment-records", payment("pay_1", "captured", "10.00"));
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured");
        assertThat(h.count("SELECT count(*) FROM bridge.dead_letter")).isZero();
    }

    @Test
    void transientFailureThatOutlastsTheRedeliveriesIsADeadLetterThenReplays() {
        h.transientFailures.put("pay_1", 4);
        h.send("payment-records", payment("pay_1", "captured", "10.00"));
        Map<String, Object> d = h.deadLetter("pay_1");
        assertThat(d).containsEntry("attempts", 4).containsEntry("status", "open");
        assertThat((String) d.get("reason")).isEqualTo("TransientFailure: EHR side down for pay_1");
        assertThat(h.outboxKeys()).isEmpty();

        assertThat(h.deadLetters.replay(((Number) d.get("id")).longValue(), "olivia")).isTrue();
        assertThat(h.outboxKeys()).containsExactly("payment:pay_1:captured");
    }
}
