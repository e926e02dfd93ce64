package com.patientcobridge.patientco.inbound;

import java.util.Map;

/** One line of an inbound payment file, as read (values unchecked), with its 1-based line number. */
public record PaymentRequest(int line, String account, String amount, String token, String reference,
        Map<String, String> others) {

    /** Every value of the line, the ones the bridge does not know included (they are checked for card data too). */
    Iterable<String> allValues() {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.Arrays.asList(account, amount, token,
                reference));
        all.addAll(others.values());
        return all;
    }
}
