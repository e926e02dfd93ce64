package com.patientcobridge.privacy;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/**
 * Recognises raw card and bank account numbers in text, whatever stands between their digits, and
 * masks them. A card number is a Luhn-valid run of 13 to 19 digits, anywhere (also inside an id:
 * {@code tok_4111111111111111} is a card number). A bank account number is any run of 10 or more
 * digits that is not part of an identifier ({@code acc_000000001}, {@code REF-2026-000123} are ids),
 * or an IBAN. A shorter run, or a longer one glued to letters, is not taken for one.
 */
public final class CardNumbers {

    /** What was found in a text. */
    public enum Kind {
        NONE, CARD, BANK;

        /** How an error message names it. */
        public String describe() {
            return switch (this) {
                case CARD -> "a card number";
                case BANK -> "a bank account number";
                case NONE -> "nothing";
            };
        }
    }

    private static final int BANK_DIGITS = 10;
    /** An IPv4 address, with or without its port: four groups of one to three digits, never a card's grouping. */
    private static final Pattern ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(:\\d{1,5})?");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?:[ ]?[A-Z0-9]){11,30}\\b",
            Pattern.CASE_INSENSITIVE);

    private CardNumbers() {
    }

    /** The most serious kind of number in the text. */
    public static Kind find(String text) {
        if (text == null || text.isEmpty()) {
            return Kind.NONE;
        }
        Kind found = Kind.NONE;
        for (DigitRuns.Run run : DigitRuns.of(text)) {
            if (address(text, run)) {
                continue;
            }
            if (card(run.digits())) {
                return Kind.CARD;
            }
            if (run.digits().length() >= BANK_DIGITS && !run.inIdentifier()) {
                found = Kind.BANK;
            }
        }
        if (found == Kind.NONE && iban(text)) {
            found = Kind.BANK;
        }
        return found;
    }

    /** Whether the text holds a card or bank account number. */
    public static boolean suspicious(String text) {
        return find(text) != Kind.NONE;
    }

    /** Card and bank numbers with all but their last four digits replaced by '*'. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text);
        List<DigitRuns.Run> runs = DigitRuns.of(text);
        for (DigitRuns.Run run : runs) {
            if (address(text, run)) {
                continue;
            }
            if (card(run.digits()) || (run.digits().length() >= BANK_DIGITS && !run.inIdentifier())) {
                maskRun(out, run);
            }
        }
        Matcher iban = IBAN.matcher(out.toString());
        while (iban.find()) {
            if (validIban(iban.group())) {
                for (int i = iban.start() + 4; i < iban.end() - 4; i++) {
                    out.setCharAt(i, '*');
                }
            }
        }
        return out.toString();
    }

    /**
     * Every run of at least {@code minDigits} digits masked to its last four: for text of unknown
     * shape that must not keep a number at all (a quarantined file, a value echoed back).
     */
    public static String maskRuns(String text, int minDigits) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(mask(text));
        for (DigitRuns.Run run : DigitRuns.of(out.toString())) {
            if (run.digits().length() >= minDigits) {
                maskRun(out, run);
            }
        }
        return out.toString();
    }

    private static void maskRun(StringBuilder out, DigitRuns.Run run) {
        int keep = 4;
        int digitsLeft = run.digits().length();
        for (int i = run.start(); i < run.end(); i++) {
            if (Character.isDigit(out.charAt(i))) {
                if (digitsLeft-- > keep) {
                    out.setCharAt(i, '*');
                }
            }
        }
    }

    private static boolean address(String text, DigitRuns.Run run) {
        return ADDRESS.matcher(text.substring(run.start(), run.end())).matches();
    }

    static boolean card(String digits) {
        return digits.length() >= 13 && digits.length() <= 19 && luhn(digits);
    }

    static boolean luhn(String digits) {
        return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
    }

    private static boolean iban(String text) {
        Matcher m = IBAN.matcher(text);
        while (m.find()) {
            if (validIban(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** ISO 13616: the country and check digits moved to the end, letters as numbers, mod 97 is 1. */
    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
