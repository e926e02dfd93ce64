package com.patientcobridge.remittance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.schedule.JobRun;
import com.patientcobridge.support.HapiEhr;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A sync with the 835 on and the z-segment posting profile in batch mode: each deposited batch
 * gets one 835 that parses back and balances to the batch's net amount, reconciliation counts its
 * items as posted, a second sync writes no file again, and a tampered file is refused, kept from
 * the folder and dead-lettered until a person's replay delivers it. The deposit DFTs the EHR receives are the profile's (ZPC after
 * each FT1), as its golden file says.
 */
@BridgeSpringTest
class RemittanceSyncTest {

    static HapiEhr ehr;
    static final Path DIR = Path.of("target/test-data/remittance-" + System.nanoTime());

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;
    @Autowired CamelContext camel;
    @Autowired Remittances remittances;
    @Autowired RemittanceCodes codes;
    @Autowired com.patientcobridge.deadletter.DeadLetterStore deadLetters;
    @Autowired com.patientcobridge.deadletter.DeadLetterService replays;

    @DynamicPropertySource
    static void remittance(DynamicPropertyRegistry registry) throws Exception {
        ehr = new HapiEhr();
        registry.add("ehr.mllp.host", () -> "127.0.0.1");
        registry.add("ehr.mllp.port", ehr::port);
        registry.add("bridge.posting.mode", () -> "batch");
        registry.add("bridge.posting.profile", () -> "z-segment");
        registry.add("bridge.remittance.format", () -> "835");
        registry.add("bridge.remittance.dir", DIR::toString);
        registry.add("bridge.remittance.period-ms", () -> "200");
    }

    @AfterAll
    static void stop() throws Exception {
        ehr.close();
    }

    @Test
    void everyDepositedBatchGetsOneBalanced835() throws Exception {
        List<JobRun> runs = cycle.runCycle("test", Duration.ofMinutes(3));
        assertThat(runs).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("ok"));
        drained();

        List<Map<String, Object>> batches = jdbc.queryForList("SELECT b.id, b.net_amount, r.status, r.file_name, r.sha256 "
                + "FROM staging.settlement_batch b LEFT JOIN bridge.remittance r ON r.batch_id = b.id "
                + "WHERE b.status = 'deposited'");
        assertThat(batches).isNotEmpty();
        for (Map<String, Object> b : batches) {
            assertThat(b.get("status")).as("batch %s", b.get("id")).isEqualTo("delivered");
            Path file = DIR.resolve((String) b.get("file_name"));
            String x12 = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(DigestUtils.sha256Hex(x12)).isEqualTo(b.get("sha256"));
            RemittanceCheck.Result read = RemittanceCheck.check(x12, (String) b.get("id"), (BigDecimal) b.get("net_amount"));
            assertThat(read.problems()).as("file %s", file).isEmpty();
            assertThat(read.totals().paid()).isEqualByComparingTo((BigDecimal) b.get("net_amount"));
        }
        try (var files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(batches.size())
                    .allSatisfy(n -> assertThat(n).endsWith(".x12"));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staging.reconciliation r JOIN staging.settlement_batch b "
                + "ON b.id = r.batch_id WHERE b.status = 'deposited' AND r.outcome NOT IN ('matched', 'fee')",
                Integer.class)).isZero();

        // The deposit DFTs are the z-segment profile's: a ZPC after each FT1, its batch in ZPC-3.
        int deposits = 0;
        for (String text : ehr.received()) {
            Message m = ehr.context().getPipeParser().parse(text);
            if (m instanceof DFT_P03 dft && text.contains("\rFT1|")) {
                deposits++;
                assertThat(text).contains("\rZPC|").doesNotContain("^PATIENTCO");
                assertThat(dft.getFINANCIAL(0).getFT1().getTransactionType().getValue()).isIn("PMT", "AJ");
            }
        }
        assertThat(deposits).isEqualTo(batches.size());

        long before = Files.getLastModifiedTime(DIR.resolve((String) batches.get(0).get("file_name"))).toMillis();
        cycle.runCycle("test", Duration.ofMinutes(3));
        drained();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.remittance", Integer.class)).isEqualTo(batches.size());
        assertThat(Files.getLastModifiedTime(DIR.resolve((String) batches.get(0).get("file_name"))).toMillis())
                .as("a batch read again is not written again").isEqualTo(before);

        // One amount changed after writing: the file is refused, the one in the folder stays, a person sees why.
        String batchId = (String) batches.get(0).get("id");
        Path file = DIR.resolve((String) batches.get(0).get("file_name"));
        String good = Files.readString(file, StandardCharsets.UTF_8);
        String clp = good.lines().filter(l -> l.startsWith("CLP*")).findFirst().orElseThrow();
        String[] e = clp.split("\\*");
        String tampered = good.replace(clp, clp.replace("*" + e[4] + "*", "*" + new BigDecimal(e[4]).add(BigDecimal.ONE)
                .toPlainString() + "*"));
        RemittanceDelivery delivery = new RemittanceDelivery(remittances, new Remittance835(codes), deadLetters,
                camel.createProducerTemplate(), DIR.toString());
        assertThat(delivery.deliver(remittances.deposit(batchId), tampered)).isFalse();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(good);
        assertThat(jdbc.queryForObject("SELECT status FROM bridge.remittance WHERE batch_id = ?", String.class, batchId))
                .isEqualTo("refused");
        assertThat(jdbc.queryForObject("SELECT reason FROM bridge.dead_letter WHERE flow = 'remittance-835' "
                + "AND patientco_id = ? AND status = 'open'", String.class, batchId)).contains("does not balance");

        // A person replays it: the 835 is made again from the staged batch, balances, and is delivered.
        long deadLetter = jdbc.queryForObject("SELECT id FROM bridge.dead_letter WHERE flow = 'remittance-835' "
                + "AND patientco_id = ? AND status = 'open'", Long.class, batchId);
        assertThat(replays.replay(deadLetter, "analyst")).isTrue();
        assertThat(jdbc.queryForObject("SELECT status FROM bridge.remittance WHERE batch_id = ?", String.class, batchId))
                .isEqualTo("delivered");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(good);
    }

    /** Waits for two rounds of the 835 route after the sync: the first may have started before the sync ended. */
    private void drained() {
        NotifyBuilder rounds = new NotifyBuilder(camel).fromRoute(RemittanceDelivery.FLOW).whenCompleted(2).create();
        assertThat(rounds.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bridge.remittance WHERE status = 'pending'", Integer.class))
                .isZero();
    }
}
