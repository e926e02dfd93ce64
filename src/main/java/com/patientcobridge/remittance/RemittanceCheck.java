package com.patientcobridge.remittance;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an 835 back with StAEDI, as the EHR would, and says why it must not be delivered: it does
 * not parse, its envelope counts are wrong, a claim's charge less its adjustments is not its
 * payment, the claims less the provider adjustments are not BPR's amount, or BPR and TRN are not the
 * deposit's amount and batch. An empty list means the file is the deposit, to the cent.
 */
final class RemittanceCheck {

    /** What the file says, read back. */
    record Totals(String batchId, BigDecimal paid, int claims, BigDecimal claimsPaid, BigDecimal providerAdjustments) {
    }

    /** The outcome: the totals read, and every reason to refuse the file. */
    record Result(Totals totals, List<String> problems) {
        boolean deliverable() {
            return problems.isEmpty();
        }
    }

    private RemittanceCheck() {
    }

    static Result check(String x12, String batchId, BigDecimal net) {
        List<String> problems = new ArrayList<>();
        List<List<String>> segments;
        try {
            segments = segments(x12, problems);
        } catch (EDIStreamException | RuntimeException e) {
            problems.add("does not parse as X12: " + e.getMessage());
            return new Result(null, problems);
        }
        BigDecimal paid = null;
        String trn = null;
        int claims = 0;
        BigDecimal claimsPaid = BigDecimal.ZERO;
        BigDecimal plb = BigDecimal.ZERO;
        String claim = null;
        BigDecimal claimLeft = null;
        int inTransaction = 0;
        String declared = null;
        for (List<String> s : segments) {
            String tag = s.get(0);
            if (tag.equals("ST")) {
                inTransaction = 0;
            }
            inTransaction++;
            try {
                switch (tag) {
                    case "BPR" -> paid = amount(s, 2);
                    case "TRN" -> trn = element(s, 2);
                    case "CLP" -> {
                        claimLeft = close(claim, claimLeft, problems);
                        claim = element(s, 1);
                        claims++;
                        BigDecimal claimPaid = amount(s, 4);
                        claimsPaid = claimsPaid.add(claimPaid);
                        claimLeft = amount(s, 3).subtract(claimPaid);
                    }
                    case "CAS" -> {
                        for (int i = 3; i < s.size(); i += 3) {
                            if (!element(s, i).isEmpty()) {
                                claimLeft = claimLeft == null ? null : claimLeft.subtract(amount(s, i));
                            }
                        }
                    }
                    case "PLB" -> {
                        claimLeft = close(claim, claimLeft, problems);
                        claim = null;
                        for (int i = 4; i < s.size(); i += 2) {
                            plb = plb.add(amount(s, i));
                        }
                    }
                    case "SE" -> {
                        claimLeft = close(claim, claimLeft, problems);
                        claim = null;
                        declared = element(s, 1);
                        if (!declared.equals(String.valueOf(inTransaction))) {
                            problems.add("SE01 says " + declared + " segments, the transaction has " + inTransaction);
                        }
                    }
                    default -> {
                    }
                }
            } catch (NumberFormatException e) {
                problems.add(tag + " holds an amount that is not a number");
            }
        }
        if (declared == null) {
            problems.add("no SE: the transaction is cut short");
        }
        if (paid == null) {
            problems.add("no BPR amount");
        } else {
            if (paid.compareTo(net) != 0) {
                problems.add("BPR02 is " + paid.toPlainString() + ", the deposit's net is " + net.toPlainString());
            }
            BigDecimal balance = claimsPaid.subtract(plb);
            if (balance.compareTo(paid) != 0) {
                problems.add("claims paid " + claimsPaid.toPlainString() + " less provider adjustments "
                        + plb.toPlainString() + " is " + balance.toPlainString() + ", not BPR02 " + paid.toPlainString());
            }
        }
        if (!batchId.equals(trn)) {
            problems.add("TRN02 is " + trn + ", not the batch " + batchId);
        }
        return new Result(new Totals(trn, paid, claims, claimsPaid, plb), problems);
    }

    /** A claim ends: its charge less its payment must be its adjustments. */
    private static BigDecimal close(String claim, BigDecimal left, List<String> problems) {
        if (claim != null && left != null && left.signum() != 0) {
            problems.add("claim " + claim + " does not balance: charge less payment less adjustments is "
                    + left.toPlainString());
        }
        return null;
    }

    /** Every segment as its tag and elements (a composite's components joined by ':'); reader errors into problems. */
    static List<List<String>> segments(String x12, List<String> problems) throws EDIStreamException {
        List<List<String>> segments = new ArrayList<>();
        EDIInputFactory factory = EDIInputFactory.newFactory();
        try (EDIStreamReader r = factory.createEDIStreamReader(
                new ByteArrayInputStream(x12.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8.name())) {
            List<String> current = null;
            StringBuilder composite = null;
            while (r.hasNext()) {
                EDIStreamEvent event = r.next();
                switch (event) {
                    case START_SEGMENT -> {
                        current = new ArrayList<>();
                        current.add(r.getText());
                    }
                    case START_COMPOSITE -> composite = new StringBuilder();
                    case END_COMPOSITE -> {
                        at(current, r.getLocation().getElementPosition(), composite.toString());
                        composite = null;
                    }
                    case ELEMENT_DATA -> {
                        if (composite != null) {
                            if (r.getLocation().getComponentPosition() > 1) {
                                composite.append(':');
                            }
                            composite.append(r.getText());
                        } else if (current != null) {
                            at(current, r.getLocation().getElementPosition(), r.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        segments.add(current);
                        current = null;
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> problems.add("X12 error "
                            + r.getErrorType() + " in " + r.getLocation().getSegmentTag() + " at segment "
                            + r.getLocation().getSegmentPosition());
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new EDIStreamException(e.getMessage());
        }
        return segments;
    }

    private static void at(List<String> segment, int position, String text) {
        while (segment.size() <= position) {
            segment.add("");
        }
        segment.set(position, text);
    }

    private static String element(List<String> s, int i) {
        return i < s.size() ? s.get(i) : "";
    }

    private static BigDecimal amount(List<String> s, int i) {
        return new BigDecimal(element(s, i));
    }
}
