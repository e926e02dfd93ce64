package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.deadletter.DeadLetterRoutes;
import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import com.patientcobridge.hl7.message.Hl7Codes;
import com.patientcobridge.hl7.message.Hl7Composer;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.model.Payment;
import com.patientcobridge.schedule.SendWindow;
import com.patientcobridge.support.HapiEhr;
import com.patientcobridge.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The dispatcher against HAPI's own server and misbehaving receivers: AR among many, AE then AA,
 * a wrong MSA-2, an ACK timeout, and the EHR down for a while then back.
 */
class DispatcherErrorPathsTest {

    TestDatabase db;
    DefaultCamelContext camel;
    PostgresOutbox outbox;
    OutboxRows rows;
    Hl7Composer composer;
    OutboxDispatcher dispatcher;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        PostgresCrosswalk crosswalk = new PostgresCrosswalk(db.jdbc);
        crosswalk.link(Crosswalk.Kind.PATIENT, "pat_1", "MRN1", "ehr");
        crosswalk.link(Crosswalk.Kind.PATIENT, "pat_2", "MRN2", "ehr");
        Hl7Codes codes = new Hl7Codes();
        codes.check(CodeTables.load(Path.of("mappings"), CodeTables.DEFAULT_PROFILE));
        composer = new Hl7Composer(com.patientcobridge.hl7.Hl7Config.newContext(), crosswalk, codes);
        rows = new OutboxRows(db.jdbc);
        camel = new DefaultCamelContext();
        camel.addRoutes(new DeadLetterRoutes(new DeadLetterStore(db.jdbc, new DataSourceTransactionManager(db.dataSource)),
                new StaticListableBeanFactory().getBeanProvider(com.patientcobridge.schedule.JobRuns.class)));
        camel.start();
        outbox = new PostgresOutbox(db.jdbc, 2, () -> {
            if (dispatcher != null) {
                dispatcher.nudge();
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
        camel.close();
    }

    void startDispatcher(int port, Duration ackTimeout) {
        startDispatcher(port, ackTimeout, null);
    }

    void startDispatcher(int port, Duration ackTimeout, SendWindow window) {
        String uri = "mllp://127.0.0.1:" + port + "?requireEndOfData=false&validatePayload=false&receiveTimeout="
                + ackTimeout.toMillis() + "&readTimeout=" + ackTimeout.toMillis() + "&connectTimeout=1000";
        dispatcher = new OutboxDispatcher(db.dataSource, rows, composer,
                new StaticListableBeanFactory(Map.of("camel", camel)).getBeanProvider(CamelContext.class), uri,
                new DeliveryPolicy(2, 2, Duration.ofMillis(50), Duration.ofMillis(300), 3), window);
        dispatcher.start();
    }

    void enqueue(String paymentId, String guarantor, String patient) {
        Account a = com.patientcobridge.support.Records.account(guarantor, patient);
        Payment p = com.patientcobridge.support.Records.payment(paymentId);
        FinancialEvent e = new FinancialEvent(FinancialEvent.Kind.PAYMENT, "payment:" + paymentId + ":captured", a, p, null,
                null, p.amount(), p.capturedAt());
        outbox.enqueue(new OutboundEvent(e.eventKey(), "payment-records", "DFT^P03", guarantor, paymentId,
                List.of(paymentId), patient, null, e, e.amount(), null));
    }

    String status(String paymentId) {
        return db.jdbc.queryForObject("SELECT status FROM bridge.outbox WHERE payment_id = ?", String.class, paymentId);
    }

    @Test
    void anArForOneMessageDeadLettersItHoldsItsGuarantorAndLetsTheOthersThrough() throws Exception {
        HapiEhr ehr = new HapiEhr();
        closing.add(ehr);
        ehr.answer = msh10 -> msh10.equals(msh10Of("pay_a2")) ? "AR" : "AA";
        enqueue("pay_a1", "gtr_a", "pat_1");
        enqueue("pay_a2", "gtr_a", "pat_1");
        enqueue("pay_a3", "gtr_a", "pat_1");
        for (int i = 0; i < 10; i++) {
            enqueue("pay_b" + i, "gtr_b", "pat_2");
        }
        startDispatcher(ehr.port(), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> "held".equals(status("pay_a3"))
                && ehr.received().size() == 11);
        assertThat(status("pay_a2")).isEqualTo("dead");
        assertThat(db.jdbc.queryForObject("SELECT reason FROM bridge.dead_letter WHERE outbox_id IS NOT NULL",
                String.class)).startsWith("AR from EHR");

        ehr.answer = msh10 -> "AA";
        new OutboxReplay(rows, dispatcher::nudge).release(idOf("pay_a2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "acked".equals(status("pay_a3")));
        List<String> gtrA = new ArrayList<>();
        for (String m : ehr.received()) {
            String ref = new Terser(ehr.context().getPipeParser().parse(m)).get("/.FT1-30-1");
            if (ref.startsWith("pay_a")) {
                gtrA.add(ref);
            }
        }
        assertThat(gtrA).containsExactly("pay_a1", "pay_a2", "pay_a3");
    }

    @Test
    void anAeIsRetriedThenAccepted() throws Exception {
        HapiEhr ehr = new HapiEhr();
        closing.add(ehr);
        AtomicInteger calls = new AtomicInteger();
        ehr.answer = msh10 -> calls.incrementAndGet() == 1 ? "AE" : "AA";
        enqueue("pay_1", "gtr_a", "pat_1");
        startDispatcher(ehr.port(), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> "acked".equals(status("pay_1")));
        assertThat(db.jdbc.queryForObject("SELECT attempts FROM bridge.outbox", Integer.class)).isEqualTo(2);
        assertThat(ehr.received()).hasSize(1);
    }

    @Test
    void theEhrDownForAWhileThenBackGetsEverythingInOrder() throws Exception {
        int port = HapiEhr.freePort();
        for (int i = 0; i < 8; i++) {
            enqueue("pay_" + i, "gtr_a", "pat_1");
        }
        startDispatcher(port, Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> db.jdbc.queryForObject(
                "SELECT attempts FROM bridge.outbox WHERE payment_id = 'pay_0'", Integer.class) >= 2);
        assertThat(status("pay_0")).isIn("pending", "sent");
        HapiEhr ehr = new HapiEhr(port);
        closing.add(ehr);
        await().atMost(Duration.ofSeconds(40)).until(() -> ehr.received().size() == 8);
        List<String> order = new ArrayList<>();
        for (String m : ehr.received()) {
            order.add(new Terser(ehr.context().getPipeParser().parse(m)).get("/.FT1-30-1"));
        }
        assertThat(order).containsExactly("pay_0", "pay_1", "pay_2", "pay_3", "pay_4", "pay_5", "pay_6", "pay_7");
    }

    @Test
    void aWrongMsa2ResetsTheConnectionAndTheSameMessageIsSentAgain() throws Exception {
        try (MisbehavingEhr ehr = new MisbehavingEhr(MisbehavingEhr.Mode.WRONG_MSA2_ONCE)) {
            enqueue("pay_1", "gtr_a", "pat_1");
            startDispatcher(ehr.port(), Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(30)).until(() -> "acked".equals(status("pay_1")));
            assertThat(ehr.controlIds()).hasSize(2).allMatch(id -> id.equals(ehr.controlIds().get(0)));
            assertThat(db.jdbc.queryForObject("SELECT resends FROM bridge.outbox", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void anAckTimeoutResendsTheSameMsh10AndRecordsTheResend() throws Exception {
        try (MisbehavingEhr ehr = new MisbehavingEhr(MisbehavingEhr.Mode.SILENT_ONCE)) {
            enqueue("pay_1", "gtr_a", "pat_1");
            startDispatcher(ehr.port(), Duration.ofMillis(800));
            await().atMost(Duration.ofSeconds(30)).until(() -> "acked".equals(status("pay_1")));
            assertThat(ehr.controlIds()).hasSize(2).allMatch(id -> id.equals(ehr.controlIds().get(0)));
            assertThat(db.jdbc.queryForObject("SELECT resends FROM bridge.outbox", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void aMessageWithoutMrnWaitsVisiblyAndGoesOutWhenTheEhrSendsTheLinkByAdt() throws Exception {
        HapiEhr ehr = new HapiEhr();
        closing.add(ehr);
        int inbound = HapiEhr.freePort();
        PostgresCrosswalk crosswalk = new PostgresCrosswalk(db.jdbc);
        camel.addRoutes(new com.patientcobridge.hl7.inbound.InboundAdtRoutes("127.0.0.1", inbound, "",
                new com.patientcobridge.hl7.inbound.EhrAdtFeed(crosswalk, () -> {
                    rows.releaseLinked();
                    dispatcher.nudge();
                })));
        enqueue("pay_x", "gtr_x", "pat_unlinked");
        assertThat(status("pay_x")).isEqualTo("needs_linkage");
        startDispatcher(ehr.port(), Duration.ofSeconds(5));

        String a31 = "MSH|^~\\&|EPIC|PRMC|PATIENTCO|PCO|20261110120000||ADT^A31^ADT_A05|E1|P|2.5.1\r"
                + "EVN|A31|20261110120000\r"
                + "PID|1||MRN777^^^PRMC^MR~pat_unlinked^^^PATIENTCO^PI||Okafor^Chidi\r";
        String ack = camel.createProducerTemplate().request("mllp://127.0.0.1:" + inbound, e -> e.getIn().setBody(a31))
                .getMessage().getHeader("CamelMllpAcknowledgementString", String.class);
        assertThat(ack).contains("MSA|AA|E1");
        await().atMost(Duration.ofSeconds(30)).until(() -> "acked".equals(status("pay_x")));
        String pid3 = new Terser(ehr.context().getPipeParser().parse(ehr.received().get(0))).get("/.PID-3-1");
        assertThat(pid3).isEqualTo("MRN777");
    }

    @Test
    void aMessageStillUnlinkedAfterItsWaitIsDeadLettered() throws Exception {
        HapiEhr ehr = new HapiEhr();
        closing.add(ehr);
        enqueue("pay_y", "gtr_y", "pat_never");
        startDispatcher(ehr.port(), Duration.ofSeconds(5));
        db.jdbc.update("UPDATE bridge.outbox SET created_at = now() - interval '8 days'");
        assertThat(dispatcher.expireLinkage(Duration.ofDays(7))).isEqualTo(1);
        assertThat(status("pay_y")).isEqualTo("dead");
        assertThat(db.jdbc.queryForObject("SELECT reason FROM bridge.dead_letter", String.class))
                .contains("missing linkage past its wait");
    }

    @Test
    void theConnectionDroppedMidSendIsReopenedAndTheMessageSentAgainWithItsMsh10() throws Exception {
        try (MisbehavingEhr ehr = new MisbehavingEhr(MisbehavingEhr.Mode.DROP_ONCE)) {
            enqueue("pay_1", "gtr_a", "pat_1");
            enqueue("pay_2", "gtr_a", "pat_1");
            startDispatcher(ehr.port(), Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(30)).until(() -> "acked".equals(status("pay_2")));
            assertThat(ehr.controlIds()).hasSize(3);
            assertThat(ehr.controlIds().get(0)).isEqualTo(ehr.controlIds().get(1)).isEqualTo(msh10Of("pay_1"));
            assertThat(ehr.controlIds().get(2)).isEqualTo(msh10Of("pay_2"));
            // Each message once in the store, with the ACK that accepted it.
            assertThat(db.jdbc.queryForList("SELECT msh10 || ':' || (ack_body LIKE '%MSA|AA|' || msh10 || '%') "
                    + "FROM bridge.message_store ORDER BY id", String.class))
                    .containsExactly(msh10Of("pay_1") + ":true", msh10Of("pay_2") + ":true");
        }
    }

    @Test
    void duringABlackoutNothingIsSentAndNothingIsDropped() throws Exception {
        HapiEhr ehr = new HapiEhr();
        closing.add(ehr);
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(false);
        enqueue("pay_1", "gtr_a", "pat_1");
        enqueue("pay_2", "gtr_a", "pat_1");
        startDispatcher(ehr.port(), Duration.ofSeconds(5), now -> open.get());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> ehr.received().isEmpty());
        assertThat(status("pay_1")).isEqualTo("pending");
        open.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> ehr.received().size() == 2);
    }

    private long idOf(String paymentId) {
        return db.jdbc.queryForObject("SELECT id FROM bridge.outbox WHERE payment_id = ?", Long.class, paymentId);
    }

    private String msh10Of(String paymentId) {
        return db.jdbc.queryForObject("SELECT msh10 FROM bridge.outbox WHERE payment_id = ?", String.class, paymentId);
    }
}
