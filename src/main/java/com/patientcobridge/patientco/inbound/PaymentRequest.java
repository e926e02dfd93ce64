package com.patientcobridge.patientco.inbound;

import com.patientcobridge.privacy.CardNumbers;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A payment a line asks for, checked: the account and token are Patientco ids, the amount a
 * positive decimal with two places, the reference (the hospital's id of the payment) short text.
 * A line with a raw card or bank number anywhere, in a value or a column name, is refused before
 * anything else and its values are never used.
 */
record PaymentRequest(int line, String account, String amount, String token, String reference) {

    private static final Pattern ACCOUNT = Pattern.compile("acc_[A-Za-z0-9_]{1,28}");
    private static final Pattern TOKEN = Pattern.compile("tok_[A-Za-z0-9_]{1,28}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}\\.\\d{2}");
    private static final int REFERENCE_MAX = 64;

    /** The request of a line, or why the line is refused; the reason names columns, never values. */
    record Checked(PaymentRequest request, String refused) {
    }

    static Checked of(InboundLine line) {
        if (line.unreadable() != null) {
            return new Checked(null, "line " + line.line() + " " + line.unreadable());
        }
        for (Map.Entry<String, String> field : line.fields().entrySet()) {
            CardNumbers.Kind inName = CardNumbers.find(field.getKey());
            CardNumbers.Kind inValue = CardNumbers.find(field.getValue());
            if (inName != CardNumbers.Kind.NONE || inValue != CardNumbers.Kind.NONE) {
                CardNumbers.Kind kind = inName != CardNumbers.Kind.NONE ? inName : inValue;
                return new Checked(null, kind.describe() + " in " + (inName != CardNumbers.Kind.NONE ? "a column name"
                        : "column '" + CardNumbers.mask(field.getKey()) + "'")
                        + ": only payment-method tokens (tok_...) are accepted");
            }
        }
        String account = line.first("account", "accountid", "account_id");
        String amount = line.first("amount");
        String token = line.first("payment_method_token", "paymentmethodtoken", "token", "payment_method",
                "paymentmethod");
        String reference = line.first("reference", "ref");
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            return new Checked(null, "column 'account' must be a Patientco account id (acc_...)");
        }
        if (amount == null || !AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            return new Checked(null, "column 'amount' must be positive with two decimals (125.40)");
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            return new Checked(null, "column 'payment_method_token' must be a payment-method token (tok_...)");
        }
        if (reference != null && (reference.length() > REFERENCE_MAX || reference.chars().anyMatch(Character::isISOControl))) {
            return new Checked(null, "column 'reference' must be at most " + REFERENCE_MAX
                    + " printable characters");
        }
        return new Checked(new PaymentRequest(line.line(), account, amount, token, reference), null);
    }

    /**
     * What makes this payment the same payment in any file, on any day: the hospital's reference;
     * without one, the account, token and amount (so a line re-sent without a reference is never
     * charged twice, and a second identical payment needs a reference of its own).
     */
    String identity() {
        return reference != null ? "ref:" + reference : "line:" + account + "|" + token + "|" + amount;
    }

    /** Whether another request asks for the same charge (same account, token and amount). */
    boolean sameCharge(String otherAccount, BigDecimal otherAmount, String otherToken) {
        return account.equals(otherAccount) && token.equals(otherToken) && otherAmount != null
                && new BigDecimal(amount).compareTo(otherAmount) == 0;
    }
}
