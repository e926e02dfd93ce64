package com.patientcobridge.remittance;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The 835 of a deposit: its golden file (segments commented with their sources), read back by
 * StAEDI, balanced to the deposit; and a file with one amount changed, cut short or of another
 * batch refused with the reason.
 */
class Remittance835Test {

    static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 10, 14, 5);

    static RemittanceCodes codes() {
        RemittanceCodes codes = new RemittanceCodes();
        codes.check(CodeTables.load(Path.of("mappings")));
        return codes;
    }

    /** Two sales, a refund, a chargeback lost and then won, and a fee: net 102.86. */
    static Deposit deposit() {
        Settlement batch = new Settlement("stl_atl01_20261109", "mer_atl01", "fac_atl01",
                Instant.parse("2026-11-10T02:00:00Z"), LocalDate.of(2026, 11, 10), "deposited", "USD",
                new BigDecimal("150.27"), new BigDecimal("20.00"), new BigDecimal("25.10"), new BigDecimal("2.31"),
                new BigDecimal("102.86"), 6, Instant.parse("2026-11-10T14:00:00Z"));
        Instant at = Instant.parse("2026-11-09T15:00:00Z");
        List<SettlementItem> items = List.of(
                new SettlementItem("sti_000000042", "sale", "pay_000000042", null, null, "acc_000000001",
                        new BigDecimal("25.10"), at),
                new SettlementItem("sti_000000043", "sale", "pay_000000043", null, null, "acc_000000002",
                        new BigDecimal("100.07"), at.plusSeconds(60)),
                new SettlementItem("sti_n000000007", "refund", "pay_000000040", "ref_n000000007", null, "acc_000000003",
                        new BigDecimal("-20.00"), at.plusSeconds(120)),
                new SettlementItem("sti_n000000003", "chargeback", "pay_000000041", null, "cbk_n000000003",
                        "acc_000000004", new BigDecimal("-25.10"), at.plusSeconds(180)),
                new SettlementItem("sti_n000000004", "chargeback_reversal", "pay_000000041", null, "cbk_n000000003",
                        "acc_000000004", new BigDecimal("25.10"), at.plusSeconds(240)),
                new SettlementItem("sti_fee_20261109", "fee", null, null, null, null, new BigDecimal("-2.31"),
                        Instant.parse("2026-11-10T02:00:00Z")));
        return new Deposit(batch, items, Map.of(
                "acc_000000001", new Deposit.Party("HAR200", "O'Brien-Smith Jr.", "Siobhán"),
                "acc_000000002", new Deposit.Party("HAR201", "Nguyễn", "Văn An")));
    }

    final Remittance835 writer = new Remittance835(codes());

    @Test
    void theDepositsFileIsItsGoldenFileAndBalancesToTheCent() throws Exception {
        Deposit deposit = deposit();
        String x12 = writer.write(deposit, 123, CREATED);
        Path golden = Path.of("src/test/resources/golden/835/deposit.x12");
        if (Boolean.getBoolean("golden.print")) {
            System.out.println(x12);
        }
        String expected = Files.readAllLines(golden).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.replaceAll("\\s+#.*$", "")).collect(Collectors.joining("\n")) + "\n";
        assertThat(x12).isEqualTo(expected);

        RemittanceCheck.Result read = RemittanceCheck.check(x12, "stl_atl01_20261109", new BigDecimal("102.86"));
        assertThat(read.problems()).isEmpty();
        assertThat(read.totals().paid()).isEqualByComparingTo("102.86");
        assertThat(read.totals().claims()).isEqualTo(4);
        assertThat(read.totals().claimsPaid()).isEqualByComparingTo("105.17");
        assertThat(read.totals().providerAdjustments()).isEqualByComparingTo("2.31");
    }

    @Test
    void oneAmountChangedIsRefusedNamingTheClaim() throws Exception {
        String x12 = writer.write(deposit(), 123, CREATED);
        String tampered = x12.replace("CLP*HAR201*1*100.07*100.07", "CLP*HAR201*1*100.07*100.70");
        assertThat(tampered).isNotEqualTo(x12);

        RemittanceCheck.Result read = RemittanceCheck.check(tampered, "stl_atl01_20261109", new BigDecimal("102.86"));
        assertThat(read.deliverable()).isFalse();
        assertThat(read.problems()).anySatisfy(p -> assertThat(p).contains("claim HAR201 does not balance"))
                .anySatisfy(p -> assertThat(p).contains("not BPR02 102.86"));
    }

    @Test
    void aDepositAmountThatIsNotTheBatchsIsRefused() throws Exception {
        String x12 = writer.write(deposit(), 123, CREATED);
        RemittanceCheck.Result read = RemittanceCheck.check(x12.replace("BPR*I*102.86*", "BPR*I*102.68*"),
                "stl_atl01_20261109", new BigDecimal("102.86"));
        assertThat(read.problems()).anySatisfy(p -> assertThat(p).contains("BPR02 is 102.68, the deposit's net is 102.86"));
        assertThat(RemittanceCheck.check(x12, "stl_other", new BigDecimal("102.86")).problems())
                .anySatisfy(p -> assertThat(p).contains("TRN02 is stl_atl01_20261109, not the batch stl_other"));
    }

    @Test
    void aFileCutShortOrNotX12IsRefused() throws Exception {
        String x12 = writer.write(deposit(), 123, CREATED);
        String cut = x12.substring(0, x12.indexOf("PLB*"));
        assertThat(RemittanceCheck.check(cut, "stl_atl01_20261109", new BigDecimal("102.86")).deliverable()).isFalse();
        assertThat(RemittanceCheck.check("not an 835", "stl_atl01_20261109", new BigDecimal("102.86")).problems())
                .isNotEmpty();
        assertThat(RemittanceCheck.check(x12.replace("CAS*CR*94*20~", "CAS*CR*94*2O~"), "stl_atl01_20261109",
                new BigDecimal("102.86")).problems()).anySatisfy(p -> assertThat(p).contains("CAS holds an amount"));
    }

    @Test
    void noBankAccountOrRoutingNumberIsWritten() throws Exception {
        String x12 = writer.write(deposit(), 123, CREATED);
        // BPR06-BPR15 (the banks' ids and account numbers) stay empty: the file holds no account number.
        assertThat(x12.lines().filter(l -> l.startsWith("BPR")).findFirst().orElseThrow())
                .isEqualTo("BPR*I*102.86*C*ACH************20261110~");
    }
}
