package com.patientcobridge.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of digits in a text, read the way a person would read a number that was typed with
 * something between its digits: any Unicode decimal digit counts, and up to three separators
 * (spaces of every kind, dashes, dots, slashes, underscores, commas, zero-width characters...) may
 * stand between two digits of one run.
 */
final class DigitRuns {

    /** Separators allowed in a row between two digits of one run. */
    private static final int MAX_GAP = 3;
    private static final String SEPARATORS = ".,/\\_|:;'\"+*()[]#~=`";

    /**
     * One run: where it starts and ends in the text (end exclusive), its digits as ASCII, and
     * whether it is glued to letters, as the digits of an id like {@code acc_000000001} or
     * {@code INV-2026-000123} are.
     */
    record Run(int start, int end, String digits, boolean inIdentifier) {
    }

    private DigitRuns() {
    }

    static List<Run> of(String text) {
        List<Run> runs = new ArrayList<>();
        if (text == null) {
            return runs;
        }
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!Character.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            StringBuilder digits = new StringBuilder();
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (Character.isDigit(c)) {
                    digits.append((char) ('0' + Character.digit(c, 10)));
                    end = ++j;
                    continue;
                }
                int gap = j;
                while (gap < n && gap - j < MAX_GAP && separator(text.charAt(gap))) {
                    gap++;
                }
                if (gap < n && gap > j && Character.isDigit(text.charAt(gap))) {
                    j = gap;
                } else {
                    break;
                }
            }
            runs.add(new Run(start, end, digits.toString(), gluedBefore(text, start) || gluedAfter(text, end)));
            i = end;
        }
        return runs;
    }

    static boolean separator(char c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.DASH_PUNCTUATION
                || type == Character.FORMAT || type == Character.CONNECTOR_PUNCTUATION || SEPARATORS.indexOf(c) >= 0;
    }

    /** A letter right before the run, or an id joiner ({@code _} or {@code -}) with a letter before it. */
    private static boolean gluedBefore(String text, int start) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        if (Character.isLetter(before)) {
            return true;
        }
        return joiner(before) && start >= 2 && Character.isLetter(text.charAt(start - 2));
    }

    private static boolean gluedAfter(String text, int end) {
        if (end >= text.length()) {
            return false;
        }
        char after = text.charAt(end);
        if (Character.isLetter(after)) {
            return true;
        }
        return joiner(after) && end + 1 < text.length() && Character.isLetter(text.charAt(end + 1));
    }

    private static boolean joiner(char c) {
        return c == '_' || c == '-';
    }
}
