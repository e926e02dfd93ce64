package com.patientcobridge.statements;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statement lifecycle for a revenue-cycle team: statements by delivery status and age (days since
 * the statement date, as of a day), with what they bill, how many are past due, and how many PDFs
 * are archived; for one facility or all.
 */
public final class StatementReport {

    private final JdbcTemplate jdbc;

    public StatementReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> byStatusAndAge(String facilityId, LocalDate asOf) {
        Date day = Date.valueOf(asOf);
        return jdbc.queryForList("SELECT coalesce(s.delivery_status, 'unknown') AS delivery_status, "
                + "CASE WHEN ?::date - s.statement_date <= 30 THEN '0-30' WHEN ?::date - s.statement_date <= 60 "
                + "THEN '31-60' WHEN ?::date - s.statement_date <= 90 THEN '61-90' ELSE '90+' END AS age_days, "
                + "count(*) AS statements, sum(s.amount_due) AS amount_due, "
                + "count(*) FILTER (WHERE s.due_date < ?::date AND s.amount_due > 0) AS past_due, "
                + "count(*) FILTER (WHERE p.status = 'archived') AS pdfs_archived, "
                + "count(*) FILTER (WHERE p.status = 'failed') AS pdfs_failed "
                + "FROM staging.statement s JOIN staging.account a ON a.id = s.account_id "
                + "LEFT JOIN bridge.statement_pdf p ON p.statement_id = s.id "
                + "WHERE (?::text IS NULL OR a.facility_id = ?::text) GROUP BY 1, 2 ORDER BY 1, 2",
                day, day, day, day, facilityId, facilityId);
    }
}
