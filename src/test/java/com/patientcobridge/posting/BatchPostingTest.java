package com.patientcobridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.schedule.JobRun;
import com.patientcobridge.support.HapiEhr;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** bridge.posting.mode=batch: one DFT per deposited batch, an FT1 per item, totals equal to the deposit, once. */
@BridgeSpringTest
class BatchPostingTest {

    static HapiEhr ehr;

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;

    @DynamicPropertySource
    static void batchMode(DynamicPropertyRegistry registry) throws Exception {
        ehr = new HapiEhr();
        registry.add("ehr.mllp.host", () -> "127.0.0.1");
        registry.add("ehr.mllp.port", ehr::port);
        registry.add("bridge.posting.mode", () -> "batch");
    }

    @AfterAll
    static void stop() throws Exception {
        ehr.close();
    }

    @Test
    void eachDepositIsOneDftWhoseLinesAddUpToItsNetAmount() throws Exception {
        List<JobRun> runs = cycle.runCycle("test", Duration.ofMinutes(3));
        assertThat(runs).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("ok"));
        assertThat(count("SELECT count(*) FROM bridge.outbox WHERE event_key ~ '^(payment|refund|chargeback):'"))
                .as("no per-payment postings in batch mode").isZero();
        int deposited = count("SELECT count(*) FROM staging.settlement_batch WHERE status = 'deposited'");
        assertThat(deposited).isPositive();
        assertThat(count("SELECT count(*) FROM bridge.outbox WHERE event_key LIKE 'settlement:%:deposited' "
                + "AND status = 'acked'")).isEqualTo(deposited);

        Map<String, Map<String, Object>> batches = new HashMap<>();
        for (Map<String, Object> b : jdbc.queryForList("SELECT id, net_amount, item_count FROM staging.settlement_batch "
                + "WHERE status = 'deposited'")) {
            batches.put((String) b.get("id"), b);
        }
        int deposits = 0;
        for (String text : ehr.received()) {
            Message m = ehr.context().getPipeParser().parse(text);
            if (!(m instanceof DFT_P03 dft)) {
                continue;
            }
            deposits++;
            Map<String, Object> batch = batches.get(dft.getPV1().getVisitNumber().getIDNumber().getValue());
            assertThat(batch).as("PV1-19 names a deposited batch").isNotNull();
            assertThat(dft.getFINANCIALReps()).isEqualTo(((Number) batch.get("item_count")).intValue());
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < dft.getFINANCIALReps(); i++) {
                total = total.add(new BigDecimal(dft.getFINANCIAL(i).getFT1().getTransactionAmountExtended().getPrice()
                        .getQuantity().getValue()));
            }
            assertThat(total).isEqualByComparingTo(((BigDecimal) batch.get("net_amount")).negate());
            assertThat(dft.getPID().getPatientIdentifierList(0).getIDNumber().getValue()).startsWith("PCODEP");
        }
        assertThat(deposits).isEqualTo(deposited);
        // Finance's reconciliation sees each deposited item posted by its deposit's DFT.
        assertThat(count("SELECT count(*) FROM staging.reconciliation r JOIN staging.settlement_batch b "
                + "ON b.id = r.batch_id WHERE b.status = 'deposited' AND r.outcome NOT IN ('matched', 'fee')")).isZero();

        cycle.runCycle("test", Duration.ofMinutes(3));
        assertThat(count("SELECT count(*) FROM bridge.outbox WHERE event_key LIKE 'settlement:%'")).isEqualTo(deposited);
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
