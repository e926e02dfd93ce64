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
import com.patientcobridge.model.Patient;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files, per posting profile: a bridge record in, the expected HL7 out, in
 * {@code golden/<profile>/<case>.hl7}, each expected field commented with its source (lines
 * starting with '#'). The same records go through every profile, so the files of two profiles
 * differ exactly where the profiles do. MSH-7, EVN-2 and FT1-5 (times of sending) are normalised.
 */
class GoldenMessagesTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String[] PROFILES = {"standard", "reversal-type", "z-segment"};
    final HapiContext hapi = Hl7Config.newContext();
    final Links links = new Links("MRN100", "HAR200", "G300", "V400");

    static Hl7Codes codes(String profile) {
        Hl7Codes c = new Hl7Codes();
        c.check(CodeTables.load(Path.of("mappings"), profile));
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void cardPayment(String profile) throws Exception {
        Payment p = Records.payment("pay_000000042");
        assertGolden(profile, "payment-card", new DftP03Mapper(codes(profile)).map(new FinancialEvent(
                FinancialEvent.Kind.PAYMENT, "payment:pay_000000042:captured", account(), p, null, null, p.amount(),
                p.capturedAt()), links, "PCB1", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void achPartialRefund(String profile) throws Exception {
        Payment p = achPayment();
        Refund r = new Refund("ref_n000000007", p.id(), "acc_1", new BigDecimal("12.34"), "insurance_paid", "completed",
                Records.T, Records.T.plusSeconds(86_400), null, Records.T.plusSeconds(86_400));
        assertGolden(profile, "refund-partial-ach", new DftP03Mapper(codes(profile)).map(new FinancialEvent(
                FinancialEvent.Kind.REFUND_REVERSAL, "refund:ref_n000000007:completed", account(), p, r, null, r.amount(),
                r.completedAt()), links, "PCB2", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void voidAfterPosting(String profile) throws Exception {
        Payment p = Records.payment("pay_000000042");
        assertGolden(profile, "void-after-posting", new DftP03Mapper(codes(profile)).map(new FinancialEvent(
                FinancialEvent.Kind.VOID_REVERSAL, "payment:pay_000000042:voided", account(), p, null, null, p.amount(),
                Records.T.plusSeconds(3_600)), links, "PCB6", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void chargebackLost(String profile) throws Exception {
        Payment p = Records.payment("pay_000000042");
        Chargeback c = new Chargeback("cbk_n000000003", p.id(), "acc_1", p.amount(), "10.4", "opened", Records.T, null,
                null, Records.T);
        assertGolden(profile, "chargeback-lost", new DftP03Mapper(codes(profile)).map(new FinancialEvent(
                FinancialEvent.Kind.CHARGEBACK_REVERSAL, "chargeback:cbk_n000000003:opened", account(), p, null, c,
                c.amount(), c.openedAt()), links, "PCB3", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void chargebackWon(String profile) throws Exception {
        Payment p = Records.payment("pay_000000042");
        Chargeback c = new Chargeback("cbk_n000000003", p.id(), "acc_1", p.amount(), "10.4", "won", Records.T,
                Records.T.plusSeconds(7 * 86_400), null, Records.T.plusSeconds(7 * 86_400));
        assertGolden(profile, "chargeback-won", new DftP03Mapper(codes(profile)).map(new FinancialEvent(
                FinancialEvent.Kind.CHARGEBACK_REPOST, "chargeback:cbk_n000000003:won", account(), p, null, c,
                c.amount(), c.resolvedAt()), links, "PCB7", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void linkedAccount(String profile) throws Exception {
        assertGolden(profile, "adt-linked", new AdtMapper(codes(profile)).map(new AccountEvent("linked", account(),
                Records.T), links, "PCB4", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void demographicsChanged(String profile) throws Exception {
        assertGolden(profile, "adt-demographics", new AdtMapper(codes(profile)).map(new AccountEvent("demographics",
                account(), Records.T), links, "PCB8", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void onlyTheGuarantorChanged(String profile) throws Exception {
        assertGolden(profile, "adt-guarantor", new AdtMapper(codes(profile)).map(new AccountEvent("guarantor",
                account(), Records.T, "pat_0000000010"), links, "PCB9", NOW));
    }

    /** The account's second patient, the guarantor's child: its own PID and PV1, the guarantor in GT1 as its parent. */
    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void aSecondPatientOfTheAccount(String profile) throws Exception {
        Account one = account();
        Patient child = new Patient("pat_0000000011", "MRN101", "Aoife", "O'Brien-Smith", LocalDate.of(2012, 5, 17), "F",
                "child");
        Encounter visit = new Encounter("enc_0000000011", "pat_0000000011", "V401", LocalDate.of(2026, 10, 3), null, "E",
                "Emergency", new Provider("1234567891", "Dr. Adeyemi"));
        Account two = new Account(one.id(), one.facilityId(), one.ehrAccountNumber(), one.status(), one.guarantor(),
                List.of(one.patients().get(0), child), List.of(one.encounters().get(0), visit), null, null,
                one.createdAt(), one.updatedAt());
        assertGolden(profile, "adt-linked-child", new AdtMapper(codes(profile)).map(new AccountEvent("linked", two,
                Records.T, "pat_0000000011"), new Links("MRN101", "HAR200", "G300", "V401"), "PCB10", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "reversal-type", "z-segment"})
    void deposit(String profile) throws Exception {
        Settlement batch = new Settlement("stl_atl01_20261109", "mer_atl01", "fac_atl01",
                Instant.parse("2026-11-10T02:00:00Z"), LocalDate.of(2026, 11, 10), "deposited", "USD",
                new BigDecimal("125.17"), new BigDecimal("20.00"), new BigDecimal("25.10"), new BigDecimal("2.31"),
                new BigDecimal("77.76"), 5, Instant.parse("2026-11-10T14:00:00Z"));
        assertGolden(profile, "deposit", new DepositDftMapper(codes(profile)).map(new DepositPosting(batch,
                depositItems()), "PCB5", NOW));
    }

    /** The profiles the test covers are every profile shipped: a new one needs its golden files. */
    @org.junit.jupiter.api.Test
    void everyShippedProfileHasGoldenFiles() throws Exception {
        try (var dirs = Files.list(Path.of("mappings/profiles"))) {
            assertThat(dirs.map(d -> d.getFileName().toString()).sorted().toList())
                    .containsExactlyInAnyOrder(PROFILES);
        }
    }

    static List<SettlementItem> depositItems() {
        Instant at = Instant.parse("2026-11-09T15:00:00Z");
        return List.of(
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
    }

    private void assertGolden(String profile, String name, Message message) throws Exception {
        String actual = normalise(hapi.getPipeParser().encode(message));
        hapi.getPipeParser().parse(hapi.getPipeParser().encode(message));
        Path file = Path.of("src/test/resources/golden/" + profile + "/" + name + ".hl7");
        if (Boolean.getBoolean("golden.print")) {
            System.out.println("== " + file + "\n" + actual.replace("\r", "\n"));
        }
        String expected = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.replaceAll("\\s+#.*$", "")).collect(Collectors.joining("\r")) + "\r";
        assertThat(actual.replace("\r", "\n")).as(file.toString()).isEqualTo(expected.replace("\r", "\n"));
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
