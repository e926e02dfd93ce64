package com.patientcobridge.patientco.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what looks like a raw card or bank account number in free text: a Luhn-valid run of 13 to
 * 19 digits (spaces and dashes allowed between them), or any run of 10 or more digits; and masks it.
 */
public final class CardNumbers {

    /** Digits, possibly separated by single spaces or dashes, at least 10 digits long. */
    private static final Pattern RUN = Pattern.compile("\\d(?:[ -]?\\d){9,}");

    private CardNumbers() {
    }

    /** Whether the text holds a card-like or account-like number. */
    public static boolean suspicious(String text) {
        return text != null && RUN.matcher(text).find();
    }

    /** Whether the text holds a Luhn-valid 13-19 digit run (a card number, to say so in the result). */
    public static boolean cardLike(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = RUN.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits)) {
                return true;
            }
        }
        return false;
    }

    /** Every suspicious run with all but its last four digits replaced by '*'. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = RUN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String run = m.group();
            int digits = run.replaceAll("\\D", "").length();
            StringBuilder masked = new StringBuilder();
            int seen = 0;
            for (char c : run.toCharArray()) {
                if (Character.isDigit(c)) {
                    masked.append(seen++ < digits - 4 ? '*' : c);
                } else {
                    masked.append(c);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(masked.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
