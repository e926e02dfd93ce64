package com.patientcobridge.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.model.Refund;
import com.patientcobridge.schedule.Jobs;
import com.patientcobridge.system.BridgeHeaders;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dead letters a person can see, replay and resolve: a refund whose payment is a dead letter
 * waits behind it, and both go through, in order, when the payment's dead letter is replayed.
 */
@BridgeSpringTest
class DeadLetterReplayTest {

    @Autowired Jobs jobs;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProducerTemplate camel;
    @Autowired DeadLetterService deadLetters;

    @Test
    void refundWaitsBehindItsPaymentsDeadLetterAndFollowsItsReplay() {
        jobs.run("accounts", "test", null);
        long paymentDead = jdbc.queryForObject("INSERT INTO bridge.dead_letter (flow, resource, patientco_id, reason, "
                + "payload, payload_type, endpoint_uri, hold_keys) VALUES ('payment-records', 'payments', 'pay_000000004', "
                + "'pay_000000004: field ''amount'' is missing', '{}', 'java.lang.String', 'direct:payment-records', "
                + "'{payment:pay_000000004,account:acc_000000004}') RETURNING id", Long.class);
        Instant now = Instant.parse("2026-11-06T15:00:00Z");
        Refund refund = new Refund("ref_test0001", "pay_000000004", "acc_000000004", new BigDecimal("1.00"), "requested",
                "completed", now, now, null, now);
        camel.sendBodyAndHeader("direct:refund-records", refund, BridgeHeaders.PATIENTCO_ID, refund.id());

        Map<String, Object> waiting = jdbc.queryForMap("SELECT id, status, blocked_by, reason FROM bridge.dead_letter "
                + "WHERE patientco_id = 'ref_test0001'");
        assertThat(waiting).containsEntry("status", "waiting").containsEntry("blocked_by", paymentDead);
        assertThat((String) waiting.get("reason")).contains("waits behind dead letter " + paymentDead);
        assertThat(outbox("refund:ref_test0001:completed")).isZero();

        assertThat(deadLetters.replay(paymentDead, "tester")).isTrue();

        assertThat(outbox("payment:pay_000000004:captured")).isEqualTo(1);
        assertThat(outbox("refund:ref_test0001:completed")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM bridge.dead_letter WHERE id = ?", String.class,
                waiting.get("id"))).isEqualTo("replayed");
        assertThat(jdbc.queryForObject("SELECT min(id) < max(id) FROM bridge.outbox WHERE event_key IN "
                + "('payment:pay_000000004:captured', 'refund:ref_test0001:completed')", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.audit WHERE action = 'replay' AND actor = 'tester'",
                Integer.class)).isEqualTo(2);
    }

    @Test
    void resolveAndDiscardNeedANoteAndAreAudited() {
        long a = jdbc.queryForObject("INSERT INTO bridge.dead_letter (flow, patientco_id, reason) VALUES "
                + "('refund-records', 'ref_x1', 'above what was posted') RETURNING id", Long.class);
        long b = jdbc.queryForObject("INSERT INTO bridge.dead_letter (flow, patientco_id, reason) VALUES "
                + "('refund-records', 'ref_x2', 'unknown payment') RETURNING id", Long.class);
        assertThatThrownBy(() -> deadLetters.resolve(a, " ", "olivia")).hasMessageContaining("note is required");
        deadLetters.resolve(a, "posted by hand in the EHR, ticket 4411", "olivia");
        deadLetters.discard(b, "test refund created by Patientco support", "olivia");
        assertThat(jdbc.queryForList("SELECT status || ':' || note FROM bridge.dead_letter WHERE id IN (?, ?) ORDER BY id",
                String.class, a, b)).containsExactly("resolved:posted by hand in the EHR, ticket 4411",
                        "discarded:test refund created by Patientco support");
        assertThat(jdbc.queryForList("SELECT action FROM bridge.audit WHERE actor = 'olivia' ORDER BY id", String.class))
                .containsExactly("resolve", "discard");
        assertThatThrownBy(() -> deadLetters.replay(a, "olivia")).hasMessageContaining("not open");
    }

    private int outbox(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE event_key = ?", Integer.class, key);
    }
}
