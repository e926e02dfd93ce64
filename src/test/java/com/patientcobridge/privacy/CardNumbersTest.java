package com.patientcobridge.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A card or bank number is recognised whatever separates its digits; an id that only looks long is not one. */
class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111-1111-1111-1111", "4111.1111.1111.1111", "4111  1111  1111  1111",
            "4111/1111/1111/1111", "4111_1111_1111_1111", "4111\u00a01111\u00a01111\u00a01111", "4111,1111,1111,1111",
            "4111\u200b1111\u200b1111\u200b1111", "card: 4111 1111 1111 1111 exp 12/29", "tok_4111111111111111",
            "\uff14\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11\uff11",
            "3782 822463 10005", "4111\u20131111\u20131111\u20131111"})
    void aCardNumberIsFoundWhateverSeparatesItsDigits(String text) {
        assertThat(CardNumbers.find(text)).isEqualTo(CardNumbers.Kind.CARD);
        assertThat(digits(CardNumbers.mask(text))).isLessThanOrEqualTo(digits(text) - 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acct 000123456789", "routing 021000021 account 123456789012", "1234 5678 9012",
            "DE89 3704 0044 0532 0130 00", "GB29NWBK60161331926819"})
    void aBankAccountNumberIsFound(String text) {
        assertThat(CardNumbers.find(text)).isEqualTo(CardNumbers.Kind.BANK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acc_0000000001", "acc_000000001", "INV-2026-000123", "REF1234567890123", "125.40",
            "tok_9f8e7d6c5b4a", "pay_000000000123", "2026-12-03T18:40:08Z", "+1404555",
            "mllp://127.0.0.1:41947", "listening on 192.168.100.200:54321", "10.0.0.1"})
    void anIdOrAShortNumberIsNotTakenForOne(String text) {
        assertThat(CardNumbers.find(text)).isEqualTo(CardNumbers.Kind.NONE);
    }

    @Test
    void aLongRunThatFailsLuhnIsABankNumberNotACard() {
        assertThat(CardNumbers.find("4111111111111112")).isEqualTo(CardNumbers.Kind.BANK);
    }

    @Test
    void maskingKeepsOnlyTheLastFourDigitsAndTheSeparators() {
        assertThat(CardNumbers.mask("paid with 4111 1111 1111 1111 today")).isEqualTo("paid with **** **** **** 1111 today");
        assertThat(CardNumbers.mask("acc_0000000001")).isEqualTo("acc_0000000001");
        assertThat(CardNumbers.maskRuns("ref 12345678", 8)).isEqualTo("ref ****5678");
    }

    private static long digits(String text) {
        return text.chars().filter(Character::isDigit).count();
    }
}
