package com.patientcobridge.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.support.TestDatabase;
import com.patientcobridge.system.BusinessDays;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settlement batches checked, staged once, never rewritten once deposited, and reconciled against postings. */
class SettlementStagingTest {

    static final Instant T = Instant.parse("2026-11-10T02:00:00Z");
    TestDatabase db;
    SettlementStager stager;
    org.apache.camel.impl.DefaultCamelContext camel;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        camel = new org.apache.camel.impl.DefaultCamelContext();
        org.apache.camel.component.sql.SqlComponent sql = new org.apache.camel.component.sql.SqlComponent();
        sql.setDataSource(db.dataSource);
        camel.addComponent("sql", sql);
        camel.start();
        stager = new SettlementStager(camel.createProducerTemplate());
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    @Test
    void batchWhoseTotalsDoNotAddUpIsRefusedWithItsNumbers() {
        Settlement s = batch("deposited", "99.99", 3);
        assertThatThrownBy(() -> BatchCheck.check(s, items()))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("stl_1: netAmount 99.99 but items sum to 92.25")
                .hasMessageContaining("itemCount 3 but 4 items");
    }

    @Test
    void goodBatchPassesTheCheck() {
        BatchCheck.check(batch("deposited", "92.25", 4), items());
    }

    @Test
    void batchStagedTwiceIsStagedOnce() {
        stage(batch("closed", "92.25", 4));
        stage(batch("closed", "92.25", 4));
        assertThat(count("SELECT count(*) FROM staging.settlement_batch")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM staging.settlement_item")).isEqualTo(4);
    }

    @Test
    void changeToADepositedBatchIsADiscrepancyNotApplied() {
        stage(batch("deposited", "92.25", 4));
        List<Map<String, Object>> rows = stager.stage(batch("deposited", "92.26", 4), items(), "api");
        assertThat(rows).isEmpty();
        assertThat(db.jdbc.queryForObject("SELECT net_amount FROM staging.settlement_batch", BigDecimal.class))
                .isEqualByComparingTo("92.25");
        assertThat(db.jdbc.queryForMap("SELECT field, staged_value, incoming_value FROM staging.discrepancy"))
                .containsEntry("field", "netAmount").containsEntry("incoming_value", "92.26");
    }

    @Test
    void reconciliationFindsUnpostedItemsAndWrongAmountsAndExportsThem() {
        stage(batch("deposited", "92.25", 4));
        posting("payment:pay_1:captured", "pay_1", "60.00", "acked");
        posting("payment:pay_2:captured", "pay_2", "40.01", "acked");
        posting("refund:ref_1:completed", "pay_1", "5.00", "acked");
        Reconciliation r = new Reconciliation(db.jdbc, new BusinessDays(ZoneId.of("America/New_York"),
                LocalTime.of(21, 0)), 3);
        List<Map<String, Object>> rows = r.byBatch("stl_1");
        assertThat(rows).extracting(m -> m.get("item_id") + "=" + m.get("outcome")).containsExactlyInAnyOrder(
                "sti_1=matched", "sti_2=amount_differs", "sti_3=settled_not_posted", "sti_4=fee");
        String csv = ReconciliationExport.csv(r.byDepositDate(LocalDate.parse("2026-11-10")));
        assertThat(csv.lines()).hasSize(5).first().isEqualTo(ReconciliationExport.HEADER);
        assertThat(csv).contains("stl_1,sti_2,sale,pay_2,,,40.00,40.01,acked,", "amount_differs");
    }

    @Test
    void theFinanceExportQuotesWhatWouldBreakACsvInsteadOfAlteringIt() throws Exception {
        Map<String, Object> row = new java.util.HashMap<>();
        row.put("deposit_date", "2026-11-10");
        row.put("batch_id", "stl_1");
        row.put("item_id", "sti_9");
        row.put("type", "fee, monthly \"service\"");
        row.put("outcome", "line one\nline two");
        String csv = ReconciliationExport.csv(List.of(row));
        assertThat(csv).contains("\"fee, monthly \"\"service\"\"\"").contains("\r\n");
        var parsed = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(csv)).getRecords();
        assertThat(parsed).singleElement().satisfies(r -> {
            assertThat(r.get("type")).isEqualTo("fee, monthly \"service\"");
            assertThat(r.get("outcome")).isEqualTo("line one\nline two");
        });
    }

    @Test
    void largeBatchIsCopiedInBulkInTheBatchsTransactionAndOnlyOnce() {
        int n = ItemCopy.THRESHOLD + 1000;
        List<SettlementItem> many = new java.util.ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal amount = BigDecimal.valueOf(1001 + i % 777, 2);
            sum = sum.add(amount);
            many.add(new SettlementItem("sti_big" + i, "sale", "pay_big" + i, null, null, "acc_1", amount, T));
        }
        BigDecimal total = sum;
        Settlement big = new Settlement("stl_big", "mer_atl01", "fac_atl01", T, LocalDate.parse("2026-11-10"), "closed",
                "USD", total, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, n, T);
        BatchCheck.check(big, many);
        ItemCopy copy = new ItemCopy(db.dataSource);
        List<Long> inserted = new java.util.ArrayList<>();
        for (int round = 0; round < 2; round++) {
            db.tx.executeWithoutResult(s -> {
                try {
                    inserted.add(copy.copy(stager.stage(big, many, "api")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        // First read: copied straight in; the re-read finds every item there and adds none.
        assertThat(inserted).containsExactly((long) n, 0L);
        assertThat(count("SELECT count(*) FROM staging.settlement_item WHERE batch_id = 'stl_big'")).isEqualTo(n);
        assertThat(db.jdbc.queryForObject("SELECT sum(amount) FROM staging.settlement_item WHERE batch_id = 'stl_big'",
                BigDecimal.class)).isEqualByComparingTo(total);
        assertThatThrownBy(() -> db.tx.executeWithoutResult(s -> {
            try {
                // A new batch naming items already staged: the direct copy fails under its savepoint,
                // the careful way adds nothing, and the transaction goes on to its own end.
                Settlement big2 = new Settlement("stl_big2", "mer_atl01", "fac_atl01", T, null, "closed", "USD", total,
                        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total, n, T);
                inserted.add(copy.copy(stager.stage(big2, many.subList(0, 10), "api")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");
        assertThat(count("SELECT count(*) FROM staging.settlement_batch WHERE id = 'stl_big2'")).isZero();
        assertThat(inserted).containsExactly((long) n, 0L, 0L);
    }

    @Test
    void everyItemBelongsToAStagedBatchWhetherInsertedOrCopied() {
        stage(batch("closed", "92.25", 4));
        assertThatThrownBy(() -> db.jdbc.update("INSERT INTO staging.settlement_item (id, batch_id, type, amount, "
                + "occurred_at) VALUES ('sti_orphan', 'stl_none', 'sale', 1.00, now())"))
                .hasMessageContaining("batch stl_none is not staged");
        Map<String, Object> orphan = new java.util.HashMap<>(Map.of("id", "sti_orphan", "batchId", "stl_none",
                "type", "sale", "amount", BigDecimal.ONE, "occurredAt", java.sql.Timestamp.from(T)));
        assertThatThrownBy(() -> db.tx.executeWithoutResult(s -> {
            try {
                new ItemCopy(db.dataSource).copy(List.of(orphan));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).hasStackTraceContaining("batch stl_none is not staged");
        assertThatThrownBy(() -> db.jdbc.update("UPDATE staging.settlement_item SET batch_id = 'stl_none' WHERE id = 'sti_1'"))
                .hasMessageContaining("batch stl_none is not staged");
        assertThat(count("SELECT count(*) FROM staging.settlement_item WHERE batch_id <> 'stl_1'")).isZero();
    }

    @Test
    void aBatchWithItemsIsNeitherDeletedRenamedNorTruncated() {
        stage(batch("closed", "92.25", 4));
        assertThatThrownBy(() -> db.jdbc.update("DELETE FROM staging.settlement_batch WHERE id = 'stl_1'"))
                .hasMessageContaining("settlement batch stl_1 not deleted: items still refer to it");
        assertThatThrownBy(() -> db.jdbc.update("UPDATE staging.settlement_batch SET id = 'stl_9' WHERE id = 'stl_1'"))
                .hasMessageContaining("settlement batch stl_1 not renamed");
        assertThatThrownBy(() -> db.jdbc.execute("TRUNCATE staging.settlement_batch"))
                .hasMessageContaining("items still refer to them");
        db.jdbc.update("UPDATE staging.settlement_batch SET status = 'deposited' WHERE id = 'stl_1'");
        db.jdbc.update("DELETE FROM staging.settlement_item WHERE batch_id = 'stl_1'");
        db.jdbc.update("DELETE FROM staging.settlement_batch WHERE id = 'stl_1'");
        assertThat(count("SELECT count(*) FROM staging.settlement_batch")).isZero();
    }

    private void stage(Settlement s) {
        BatchCheck.check(s, items());
        for (Map<String, Object> m : stager.stage(s, items(), "api")) {
            db.jdbc.update("INSERT INTO staging.settlement_item (id, batch_id, type, payment_id, refund_id, chargeback_id, "
                    + "account_id, amount, occurred_at) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
                    m.get("id"), m.get("batchId"), m.get("type"), m.get("paymentId"), m.get("refundId"),
                    m.get("chargebackId"), m.get("accountId"), m.get("amount"), m.get("occurredAt"));
        }
    }

    private void posting(String key, String paymentId, String amount, String status) {
        db.jdbc.update("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, payment_id, msh10, "
                + "event_json, amount, status) VALUES (?, 'test', 'DFT^P03', 'gtr_1', 0, ?, ?, ?::json, ?::numeric, ?)",
                key, paymentId, "M" + key.hashCode(), "{\"type\":\"FinancialEvent\",\"data\":{\"amount\":" + amount
                        + "}}", amount, status);
    }

    private int count(String sql) {
        return db.jdbc.queryForObject(sql, Integer.class);
    }

    static Settlement batch(String status, String net, int count) {
        return new Settlement("stl_1", "mer_atl01", "fac_atl01", T, LocalDate.parse("2026-11-10"), status, "USD",
                new BigDecimal("100.00"), new BigDecimal("5.00"), new BigDecimal("0.00"), new BigDecimal("2.75"),
                new BigDecimal(net), count, T);
    }

    static List<SettlementItem> items() {
        return List.of(
                new SettlementItem("sti_1", "sale", "pay_1", null, null, "acc_1", new BigDecimal("60.00"), T),
                new SettlementItem("sti_2", "sale", "pay_2", null, null, "acc_2", new BigDecimal("40.00"), T),
                new SettlementItem("sti_3", "refund", "pay_3", "ref_9", null, "acc_3", new BigDecimal("-5.00"), T),
                new SettlementItem("sti_4", "fee", null, null, null, null, new BigDecimal("-2.75"), T));
    }
}
