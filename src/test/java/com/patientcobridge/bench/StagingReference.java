package com.patientcobridge.bench;

import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.settlement.SettlementStager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Staging one large settlement batch the way the settlement flow does: check, upsert, one camel-sql batched insert. */
final class StagingReference {

    private StagingReference() {
    }

    static double itemsPerSecond(ConfigurableApplicationContext ctx, int n) {
        List<SettlementItem> items = new ArrayList<>(n);
        BigDecimal sum = BigDecimal.ZERO;
        Instant at = Instant.parse("2026-11-10T15:00:00Z");
        for (int i = 0; i < n; i++) {
            BigDecimal amount = BigDecimal.valueOf(1000 + i % 50000, 2);
            sum = sum.add(amount);
            items.add(new SettlementItem("sti_bench" + i, "sale", "pay_b" + i, null, null, "acc_" + i % 5000, amount, at));
        }
        Settlement batch = new Settlement("stl_bench_" + n, "mer_bench", "fac_atl01", at, LocalDate.parse("2026-11-11"),
                "deposited", "USD", sum, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, sum, n, at);
        SettlementStager stager = new SettlementStager(ctx.getBean(ProducerTemplate.class));
        ProducerTemplate camel = ctx.getBean(ProducerTemplate.class);
        TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
        long start = System.nanoTime();
        tx.executeWithoutResult(s -> {
            com.patientcobridge.settlement.BatchCheck.check(batch, items);
            List<Map<String, Object>> rows = stager.stage(batch, items, "api");
            if (rows.size() >= com.patientcobridge.settlement.ItemCopy.THRESHOLD) {
                try {
                    new com.patientcobridge.settlement.ItemCopy(ctx.getBean(javax.sql.DataSource.class)).copy(rows);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return;
            }
            camel.sendBody("sql:INSERT INTO staging.settlement_item (id, batch_id, type, payment_id, refund_id, "
                    + "chargeback_id, account_id, amount, occurred_at) VALUES (:#id, :#batchId, :#type, :#paymentId, "
                    + ":#refundId, :#chargebackId, :#accountId, :#amount, :#occurredAt) ON CONFLICT (id) DO NOTHING"
                    + "?batch=true&batchAutoCommitDisabled=false", rows);
        });
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
