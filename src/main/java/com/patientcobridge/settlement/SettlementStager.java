package com.patientcobridge.settlement;

import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.ProducerTemplate;

/**
 * Stages one checked batch in the caller's transaction: a deposited batch already staged is never
 * rewritten (a difference is a discrepancy, recorded); otherwise the batch is upserted and its
 * items become the parameter list of one batched insert.
 */
public class SettlementStager {

    private final ProducerTemplate sql;

    /** Writes through camel-sql ({@code sql:} endpoints, named parameters), in the caller's transaction. */
    public SettlementStager(ProducerTemplate sql) {
        this.sql = sql;
    }

    /** Returns the items to insert, or an empty list when the batch was deposited already. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> stage(Settlement s, List<SettlementItem> items, String source) {
        List<Map<String, Object>> staged = sql.requestBody("sql:SELECT status, net_amount, gross_amount, item_count, "
                + "deposit_date FROM staging.settlement_batch WHERE id = :#id FOR UPDATE", Map.of("id", s.id()), List.class);
        if (!staged.isEmpty() && "deposited".equals(staged.get(0).get("status"))) {
            recordDiscrepancies(s, staged.get(0));
            sql.requestBody("sql:UPDATE staging.settlement_batch SET last_seen = now() WHERE id = :#id",
                    Map.of("id", s.id()));
            return List.of();
        }
        Map<String, Object> b = new HashMap<>();
        b.put("id", s.id());
        b.put("merchantId", s.merchantId());
        b.put("facilityId", s.facilityId());
        b.put("cutoffAt", ts(s.cutoffAt()));
        b.put("depositDate", s.depositDate() == null ? null : Date.valueOf(s.depositDate()));
        b.put("status", s.status());
        b.put("currency", s.currency());
        b.put("gross", s.grossAmount());
        b.put("refund", s.refundAmount());
        b.put("chargeback", s.chargebackAmount());
        b.put("fee", s.feeAmount());
        b.put("net", s.netAmount());
        b.put("count", s.itemCount());
        b.put("source", source);
        b.put("updatedAt", ts(s.updatedAt()));
        sql.requestBody("sql:INSERT INTO staging.settlement_batch (id, merchant_id, facility_id, cutoff_at, deposit_date, "
                + "status, currency, gross_amount, refund_amount, chargeback_amount, fee_amount, net_amount, item_count, "
                + "items_source, updated_at) VALUES (:#id, :#merchantId, :#facilityId, :#cutoffAt, :#depositDate, :#status, "
                + ":#currency, :#gross, :#refund, :#chargeback, :#fee, :#net, :#count, :#source, :#updatedAt) "
                + "ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, deposit_date = EXCLUDED.deposit_date, "
                + "gross_amount = EXCLUDED.gross_amount, refund_amount = EXCLUDED.refund_amount, "
                + "chargeback_amount = EXCLUDED.chargeback_amount, fee_amount = EXCLUDED.fee_amount, "
                + "net_amount = EXCLUDED.net_amount, item_count = EXCLUDED.item_count, updated_at = EXCLUDED.updated_at, "
                + "last_seen = now()", b);
        List<Map<String, Object>> rows = new ArrayList<>(items.size());
        for (SettlementItem i : items) {
            Map<String, Object> m = new HashMap<>();
            m.put("id", i.id());
            m.put("batchId", s.id());
            m.put("type", i.type());
            m.put("paymentId", i.paymentId());
            m.put("refundId", i.refundId());
            m.put("chargebackId", i.chargebackId());
            m.put("accountId", i.accountId());
            m.put("amount", i.amount());
            m.put("occurredAt", ts(i.occurredAt()));
            rows.add(m);
        }
        return rows;
    }

    private void recordDiscrepancies(Settlement s, Map<String, Object> staged) {
        compare(s.id(), "status", staged.get("status"), s.status());
        compare(s.id(), "netAmount", staged.get("net_amount"), s.netAmount());
        compare(s.id(), "grossAmount", staged.get("gross_amount"), s.grossAmount());
        compare(s.id(), "itemCount", staged.get("item_count"), s.itemCount());
        compare(s.id(), "depositDate", staged.get("deposit_date") == null ? null : staged.get("deposit_date").toString(),
                s.depositDate() == null ? null : s.depositDate().toString());
    }

    private void compare(String batchId, String field, Object staged, Object incoming) {
        boolean same = staged instanceof BigDecimal a && incoming instanceof BigDecimal b ? a.compareTo(b) == 0
                : Objects.equals(staged == null ? null : staged.toString(), incoming == null ? null : incoming.toString());
        if (!same) {
            Map<String, Object> d = new HashMap<>();
            d.put("batchId", batchId);
            d.put("field", field);
            d.put("staged", String.valueOf(staged));
            d.put("incoming", String.valueOf(incoming));
            sql.requestBody("sql:INSERT INTO staging.discrepancy (batch_id, field, staged_value, incoming_value) "
                    + "VALUES (:#batchId, :#field, :#staged, :#incoming)", d);
        }
    }

    private static Timestamp ts(java.time.Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
