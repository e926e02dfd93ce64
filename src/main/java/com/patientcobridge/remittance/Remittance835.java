package com.patientcobridge.remittance;

import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one X12 835 (005010X221A1) for a deposited batch with StAEDI: BPR carries the deposit's
 * net amount and date, TRN the batch id, one CLP per account with the account's sales as its charge
 * and payment, its refunds and chargebacks as CAS adjustments, and the batch's fees as PLB
 * adjustments, so that the sum of the claims' payments less the PLB amounts is the deposit.
 */
final class Remittance835 {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    /** One claim: an account's items in the batch. */
    record Claim(String key, Deposit.Party party, List<SettlementItem> items) {

        BigDecimal charge() {
            return items.stream().filter(i -> i.type().equals("sale")).map(SettlementItem::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal paid() {
            return items.stream().map(SettlementItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** The claim's Patientco reference: its first payment. */
        String payerReference() {
            return items.stream().map(SettlementItem::paymentId).filter(p -> p != null).findFirst().orElse(key);
        }
    }

    private final RemittanceCodes codes;

    Remittance835(RemittanceCodes codes) {
        this.codes = codes;
    }

    /** The 835's text; {@code control} numbers its interchange, group and transaction (one per file, for life). */
    String write(Deposit deposit, long control, LocalDateTime now) throws EDIStreamException {
        Settlement batch = deposit.batch();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        String isa13 = String.format("%09d", control);
        String gs06 = String.valueOf(control);
        try (EDIStreamWriter w = factory.createEDIStreamWriter(out, StandardCharsets.UTF_8.name())) {
            w.startInterchange();
            segment(w, "ISA", "00", "          ", "00", "          ", codes.text("sender.qualifier"),
                    pad(codes.text("sender.id")), codes.text("receiver.qualifier"), pad(codes.text("receiver.id")),
                    now.format(YYMMDD), now.format(HHMM), "^", "00501", isa13, "0", codes.text("usage"), ":");
            segment(w, "GS", "HP", codes.text("sender.id"), codes.text("receiver.id"), now.format(CCYYMMDD),
                    now.format(HHMM), gs06, "X", "005010X221A1");
            int count = 0;
            count += segment(w, "ST", "835", "0001", "005010X221A1");
            count += segment(w, "BPR", "I", money(batch.netAmount()), "C", "ACH", "", "", "", "", "", "", "", "", "",
                    "", "", batch.depositDate().format(CCYYMMDD));
            count += segment(w, "TRN", "1", batch.id(), codes.text("payer.id"));
            count += segment(w, "DTM", "405", batch.depositDate().format(CCYYMMDD));
            count += segment(w, "N1", "PR", codes.text("payer.name"));
            count += segment(w, "N3", codes.text("payer.address.line1"));
            count += segment(w, "N4", codes.text("payer.address.city"), codes.text("payer.address.state"),
                    codes.text("payer.address.postalCode"));
            count += segment(w, "PER", "BL", codes.text("payer.contact.name"), "TE", codes.text("payer.contact.phone"));
            RemittanceCodes.Payee payee = codes.payee(batch.facilityId());
            count += segment(w, "N1", "PE", payee.name(), payee.qualifier(), payee.id());
            List<Claim> claims = claims(deposit);
            if (!claims.isEmpty()) {
                count += segment(w, "LX", "1");
            }
            for (Claim claim : claims) {
                count += claim(w, claim);
            }
            List<SettlementItem> fees = deposit.items().stream().filter(i -> i.type().equals("fee")).toList();
            for (SettlementItem fee : fees) {
                count += segment(w, "PLB", payee.id(), batch.depositDate().getYear() + "1231",
                        codes.text("providerAdjustments.fee") + ":" + fee.id(), money(fee.amount().negate()));
            }
            segment(w, "SE", String.valueOf(count + 1), "0001");
            segment(w, "GE", "1", gs06);
            segment(w, "IEA", "1", isa13);
            w.endInterchange();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The claims of a deposit, one per account in the order its items came; fees are the deposit's, not a claim's. */
    static List<Claim> claims(Deposit deposit) {
        Map<String, List<SettlementItem>> byAccount = new LinkedHashMap<>();
        for (SettlementItem item : deposit.items()) {
            if (item.type().equals("fee")) {
                continue;
            }
            String key = item.accountId() != null ? item.accountId()
                    : item.paymentId() != null ? item.paymentId() : item.id();
            byAccount.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        }
        List<Claim> claims = new ArrayList<>();
        byAccount.forEach((key, items) -> claims.add(new Claim(key, deposit.parties().get(key), items)));
        return claims;
    }

    private int claim(EDIStreamWriter w, Claim claim) throws EDIStreamException {
        Deposit.Party party = claim.party();
        String clp01 = party != null && party.accountNumber() != null ? party.accountNumber() : claim.key();
        // 1: processed as primary; 22: reversal of a previous payment (the claim gives money back).
        String status = claim.paid().signum() < 0 ? "22" : "1";
        int count = segment(w, "CLP", clp01, status, money(claim.charge()), money(claim.paid()), "",
                codes.text("claimFilingIndicator"), claim.payerReference());
        for (SettlementItem item : claim.items()) {
            if (!item.type().equals("sale")) {
                RemittanceCodes.Adjustment a = codes.adjustment(item.type());
                count += segment(w, "CAS", a.group(), a.reason(), money(item.amount().negate()));
            }
        }
        String last = party == null || party.lastName() == null ? "UNKNOWN" : party.lastName();
        String first = party == null || party.firstName() == null ? "" : party.firstName();
        count += segment(w, "NM1", "QC", "1", last, first);
        return count;
    }

    private static int segment(EDIStreamWriter w, String tag, String... elements) throws EDIStreamException {
        w.writeStartSegment(tag);
        int last = elements.length;
        while (last > 0 && elements[last - 1].isEmpty()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            String e = elements[i];
            int colon = tag.equals("PLB") ? e.indexOf(':') : -1;
            if (colon > 0) {
                w.writeStartElement();
                w.writeComponent(e.substring(0, colon));
                w.writeComponent(e.substring(colon + 1));
                w.endElement();
            } else if (e.isEmpty()) {
                w.writeEmptyElement();
            } else {
                w.writeElement(e);
            }
        }
        w.writeEndSegment();
        return 1;
    }

    /** X12 R: a decimal with no trailing zeros, minus for negative. */
    static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).stripTrailingZeros().toPlainString();
    }

    private static String pad(String id) {
        return String.format("%-15s", id);
    }
}
