package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What each answer of the EHR does to the row it answers, without an EHR. */
class AckVerdictTest {

    static final DeliveryPolicy POLICY = new DeliveryPolicy(4, 3, Duration.ofSeconds(1), Duration.ofMinutes(1), 2);

    static OutboxRow row(int attempts) {
        return new OutboxRow(7, "payment:pay_1:captured", "payment-records", "DFT^P03", "gua_1", new String[] {"pay_1"},
                "pat_1", null, "PCB42", "{}", "MSH|...", "pending", attempts, 1L);
    }

    static MllpLink.Reply reply(String code, String msa2, String text) {
        return new MllpLink.Reply(code, "MSH|...", msa2, text);
    }

    @Test
    void anAcceptOfThisMessageIsAccepted() {
        assertThat(AckVerdict.of(row(0), reply("AA", "PCB42", null), 0, POLICY).action())
                .isEqualTo(AckVerdict.Action.ACCEPTED);
        assertThat(AckVerdict.of(row(0), reply("CA", "PCB42", null), 0, POLICY).action())
                .isEqualTo(AckVerdict.Action.ACCEPTED);
    }

    @Test
    void anAcceptOfAnotherMessageResetsTheConnectionAndSendsAgain() {
        AckVerdict v = AckVerdict.of(row(0), reply("AA", "PCB41", null), 0, POLICY);
        assertThat(v.action()).isEqualTo(AckVerdict.Action.RESEND);
        assertThat(v.resetConnection()).isTrue();
        assertThat(v.reason()).contains("PCB41").contains("PCB42");
    }

    @Test
    void aTimeoutIsSentAgainUntilItsResendsAreSpentThenRetriedLater() {
        assertThat(AckVerdict.of(row(0), reply("TIMEOUT", null, null), 0, POLICY).action())
                .isEqualTo(AckVerdict.Action.RESEND);
        assertThat(AckVerdict.of(row(0), reply("TIMEOUT", null, null), 1, POLICY).action())
                .isEqualTo(AckVerdict.Action.RESEND);
        AckVerdict spent = AckVerdict.of(row(0), reply("TIMEOUT", null, null), 2, POLICY);
        assertThat(spent.action()).isEqualTo(AckVerdict.Action.RETRY_LATER);
        assertThat(spent.resetConnection()).isTrue();
        assertThat(spent.backoffMillis()).isEqualTo(4000);
        assertThat(spent.rejected()).isFalse();
    }

    @Test
    void anApplicationErrorIsRetriedWithBackoffThenDead() {
        AckVerdict first = AckVerdict.of(row(0), reply("AE", "PCB42", "guarantor locked"), 0, POLICY);
        assertThat(first.action()).isEqualTo(AckVerdict.Action.RETRY_LATER);
        assertThat(first.backoffMillis()).isEqualTo(1000);
        assertThat(first.reason()).isEqualTo("guarantor locked");
        assertThat(first.rejected()).isTrue();
        assertThat(AckVerdict.of(row(2), reply("CE", "PCB42", ""), 0, POLICY).backoffMillis()).isEqualTo(4000);
        AckVerdict last = AckVerdict.of(row(3), reply("AE", "PCB42", null), 0, POLICY);
        assertThat(last.action()).isEqualTo(AckVerdict.Action.DEAD);
        assertThat(last.reason()).isEqualTo("AE from EHR after 4 attempts: (no text)");
    }

    @Test
    void aRejectIsDeadAtOnce() {
        AckVerdict v = AckVerdict.of(row(0), reply("AR", "PCB42", "unknown facility"), 0, POLICY);
        assertThat(v.action()).isEqualTo(AckVerdict.Action.DEAD);
        assertThat(v.code()).isEqualTo("AR");
        assertThat(v.reason()).isEqualTo("AR from EHR: unknown facility");
        assertThat(v.rejected()).isTrue();
    }

    @Test
    void aDownOrUnreadableEhrIsRetriedWithoutEndAtMostTheLongestBackoffApart() {
        AckVerdict down = AckVerdict.of(row(20), new MllpLink.Reply("DOWN", null, null, "ConnectException"), 0, POLICY);
        assertThat(down.action()).isEqualTo(AckVerdict.Action.RETRY_LATER);
        assertThat(down.backoffMillis()).isEqualTo(60_000);
        assertThat(down.rejected()).isFalse();
        assertThat(AckVerdict.of(row(0), new MllpLink.Reply("INVALID", "x", null, "acknowledgement without MSA"), 0,
                POLICY).action()).isEqualTo(AckVerdict.Action.RETRY_LATER);
    }
}
