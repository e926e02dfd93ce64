package com.patientcobridge.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.hl7.Hl7Config;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.Chargeback;
import com.patientcobridge.model.DepositPosting;
import com.patientcobridge.model.Encounter;
import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.PaymentMethod;
import com.patientcobridge.model.Provider;
import com.patientcobridge.model.Refund;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.support.Records;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Golden files: a bridge record in, the expected HL7 out, each expected field commented with its
 * source in the .hl7 file (lines starting with '#'). MSH-7, EVN-2 and FT1-5 (times of sending)
 * are normalised before comparing.
 */
class GoldenMessagesTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    final HapiContext hapi = Hl7Config.newContext();
    final Hl7Codes codes = codes();
    final Links links = new Links("MRN100", "HAR200", "G300", "V400");

    static Hl7Codes codes() {
        Hl7Codes c = new Hl7Codes();
        c.check(CodeTables.load(Path.of("mappings")));
        return c;
    }

    @Test
    void cardPayment() throws Exception {
        Payment p = Records.payment("pay_000000042");
        assertGolden("dft-payment-card", new DftP03Mapper(codes).map(new FinancialEvent(FinancialEvent.Kind.PAYMENT,
                "payment:pay_000000042:captured", account(), p, null, null, p.amount(), p.capturedAt()), links, "PCB1", NOW));
    }

    @Test
    void achPartialRefundReversal() throws Exception {
        Payment p = achPayment();
        Refund r = new Refund("ref_n000000007", p.id(), "acc_1", new BigDecimal("12.34"), "insurance_paid", "completed",
                Records.T, Records.T.plusSeconds(86_400), null, Records.T.plusSeconds(86_400));
        assertGolden("dft-refund-ach", new DftP03Mapper(codes).map(new FinancialEvent(FinancialEvent.Kind.REFUND_REVERSAL,
                "refund:ref_n000000007:completed", account(), p, r, null, r.amount(), r.completedAt()), links, "PCB2", NOW));
    }

    @Test
    void chargebackReversal() throws Exception {
        Payment p = Records.payment("pay_000000042");
        Chargeback c = new Chargeback("cbk_n000000003", p.id(), "acc_1", p.amount(), "10.4", "opened", Records.T, null,
                null, Records.T);
        assertGolden("dft-chargeback", new DftP03Mapper(codes).map(new FinancialEvent(
                FinancialEvent.Kind.CHARGEBACK_REVERSAL, "chargeback:cbk_n000000003:opened", account(), p, null, c,
                c.amount(), c.openedAt()), links, "PCB3", NOW));
    }

    @Test
    void linkedAccountA04WithEncounter() throws Exception {
        assertGolden("adt-a04", new AdtMapper(codes).map(new AccountEvent("linked", account(), Records.T), links, "PCB4",
                NOW));
    }

    @Test
    void depositBatchInBatchPostingMode() throws Exception {
        Settlement batch = new Settlement("stl_atl01_20261109", "mer_atl01", "fac_atl01",
                Instant.parse("2026-11-10T02:00:00Z"), LocalDate.of(2026, 11, 10), "deposited", "USD",
                new BigDecimal("125.17"), new BigDecimal("20.00"), new BigDecimal("25.10"), new BigDecimal("2.31"),
                new BigDecimal("77.76"), 5, Instant.parse("2026-11-10T14:00:00Z"));
        Instant at = Instant.parse("2026-11-09T15:00:00Z");
        List<SettlementItem> items = List.of(
                new SettlementItem("sti_000000042", "sale", "pay_000000042", null, null,
                        "acc_000000001", new BigDecimal("25.10"), at),
                new SettlementItem("sti_000000043", "sale", "pay_000000043", null, null,
                        "acc_000000002", new BigDecimal("100.07"), at.plusSeconds(60)),
                new SettlementItem("sti_n000000007", "refund", "pay_000000040", "ref_n000000007",
                        null, "acc_000000003", new BigDecimal("-20.00"), at.plusSeconds(120)),
                new SettlementItem("sti_n000000003", "chargeback", "pay_000000041", null,
                        "cbk_n000000003", "acc_000000004", new BigDecimal("-25.10"), at.plusSeconds(180)),
                new SettlementItem("sti_fee_20261109", "fee", null, null, null, null,
                        new BigDecimal("-2.31"), Instant.parse("2026-11-10T02:00:00Z")));
        assertGolden("dft-deposit-batch", new DepositDftMapper(codes).map(new DepositPosting(batch, items), "PCB5", NOW));
    }

    private void assertGolden(String name, Message message) throws Exception {
        String actual = normalise(hapi.getPipeParser().encode(message));
        hapi.getPipeParser().parse(hapi.getPipeParser().encode(message));
        Path file = Path.of("src/test/resources/golden/" + name + ".hl7");
        String expected = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.replaceAll("\\s+#.*$", "")).collect(Collectors.joining("\r")) + "\r";
        assertThat(actual.replace("\r", "\n")).isEqualTo(expected.replace("\r", "\n"));
    }

    /** Times of sending are not part of the mapping: MSH-7, EVN-2 and FT1-5 become fixed. */
    static String normalise(String hl7) {
        StringBuilder out = new StringBuilder();
        for (String seg : hl7.split("\r")) {
            String[] f = seg.split("\\|", -1);
            if (f[0].equals("MSH")) {
                f[6] = "NOW";
            } else if (f[0].equals("EVN") && f.length > 2 && f[1].equals("P03")) {
                f[2] = "NOW";
            } else if (f[0].equals("FT1") && f.length > 5) {
                f[5] = "NOW";
            }
            out.append(String.join("|", f)).append('\r');
        }
        return out.toString();
    }

    static Account account() {
        Account a = Records.account("gtr_000000001", "pat_0000000010");
        Encounter e = new Encounter("enc_0000000010", "pat_0000000010", "V400", LocalDate.of(2026, 10, 1), null, "O",
                "Radiology", new Provider("1234567890", "Dr. Okafor"));
        return new Account("acc_000000001", a.facilityId(), "HAR200", "active", a.guarantor(), a.patients(), List.of(e),
                null, null, a.createdAt(), a.updatedAt());
    }

    static Payment achPayment() {
        Payment p = Records.payment("pay_000000043");
        return new Payment(p.id(), p.accountId(), null, null, new BigDecimal("100.07"), "USD",
                new PaymentMethod("ach", "tok_9", null, "6789", "Truist"), "autopay", "settled", null,
                new BigDecimal("12.34"), false, p.capturedAt(), p.settlementBatchId(), p.receipt(), p.createdAt(),
                p.updatedAt());
    }
}
