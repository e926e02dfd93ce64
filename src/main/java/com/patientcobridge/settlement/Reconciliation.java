package com.patientcobridge.settlement;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciliation for finance: each settled item beside its EHR posting (staging.reconciliation),
 * by batch or deposit date, the daily summary per facility, and postings never settled.
 */
public class Reconciliation {

    private final JdbcTemplate jdbc;
    private final com.patientcobridge.system.BusinessDays calendar;
    private final int unsettledAfterDays;

    public Reconciliation(JdbcTemplate jdbc, com.patientcobridge.system.BusinessDays calendar, int unsettledAfterDays) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.unsettledAfterDays = unsettledAfterDays;
    }

    public List<Map<String, Object>> byDepositDate(LocalDate day) {
        return jdbc.queryForList("SELECT * FROM staging.reconciliation WHERE deposit_date = ? ORDER BY batch_id, item_id",
                Date.valueOf(day));
    }

    public List<Map<String, Object>> byBatch(String batchId) {
        return jdbc.queryForList("SELECT * FROM staging.reconciliation WHERE batch_id = ? ORDER BY item_id", batchId);
    }

    /** Per deposit date and facility: deposited net, settled and posted sales, unposted items, differences. */
    public List<Map<String, Object>> dailySummary(int days) {
        return jdbc.queryForList("SELECT r.deposit_date, r.facility_id, "
                + "sum(r.settled_amount) FILTER (WHERE r.type = 'sale') AS settled_sales, "
                + "coalesce(sum(r.posted_amount) FILTER (WHERE r.type = 'sale' AND r.outcome = 'matched'), 0) "
                + "AS posted_sales, "
                + "sum(r.settled_amount) AS deposited_net, "
                + "count(*) FILTER (WHERE r.outcome = 'matched') AS matched, "
                + "count(*) FILTER (WHERE r.outcome IN ('settled_not_posted', 'posted_not_acked')) AS unposted, "
                + "count(*) FILTER (WHERE r.outcome = 'amount_differs') AS differences "
                + "FROM staging.reconciliation r WHERE r.deposit_date IS NOT NULL "
                + "GROUP BY r.deposit_date, r.facility_id ORDER BY r.deposit_date DESC, r.facility_id LIMIT ?", days * 10);
    }

    /**
     * Payments the EHR acknowledged that no deposited batch has settled after the configured
     * number of business days.
     */
    public List<Map<String, Object>> postedNotSettled(LocalDate today) {
        LocalDate cutoff = today;
        for (int i = 0; i < unsettledAfterDays; i++) {
            cutoff = cutoff.minusDays(1);
            while (!calendar.isBusinessDay(cutoff)) {
                cutoff = cutoff.minusDays(1);
            }
        }
        return jdbc.queryForList("SELECT o.payment_id, o.msh10, o.acked_at, o.amount "
                + "AS posted_amount FROM bridge.outbox o WHERE o.event_key LIKE 'payment:%:captured' AND o.status = 'acked' "
                + "AND o.acked_at < ? AND NOT EXISTS (SELECT 1 FROM staging.settlement_item i JOIN staging.settlement_batch b "
                + "ON b.id = i.batch_id WHERE i.payment_id = o.payment_id AND i.type = 'sale' AND b.status = 'deposited') "
                + "ORDER BY o.acked_at", Date.valueOf(cutoff));
    }
}
