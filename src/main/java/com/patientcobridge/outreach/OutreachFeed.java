package com.patientcobridge.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.system.Json;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outreach rows of a day, from the staged plans, communications, statements, payments and
 * accounts: failed drafts, next drafts due, new statements, overdue balances and plan
 * eligibility, each with the channel the patient allows (never one refused). Ids and amounts
 * only: contact details stay in Patientco and the EHR.
 */
public final class OutreachFeed {

    /** The columns of the file and of the API's rows, in order. */
    public static final String[] COLUMNS = {"kind", "account_id", "guarantor_id", "facility_id", "channel", "amount",
        "due_date", "reference", "detail"};

    private final JdbcTemplate jdbc;
    private final OutreachRules rules;

    public OutreachFeed(JdbcTemplate jdbc, OutreachRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    public List<Map<String, Object>> rows(LocalDate day) {
        OutreachRules.Rule r = rules.rule();
        Date d = Date.valueOf(day);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("SELECT 'failed_draft' AS kind, p.account_id, i ->> 'amount' AS amount, "
                + "i ->> 'dueDate' AS due_date, p.id AS reference, 'installment failed; plan ' || p.status AS detail "
                + "FROM staging.payment_plan p, jsonb_array_elements(p.installments) i WHERE i ->> 'status' = 'failed' "
                + "AND (i ->> 'dueDate')::date BETWEEN ?::date - ? AND ?::date ORDER BY p.account_id, due_date",
                d, r.failedDraftWithinDays(), d));
        rows.addAll(jdbc.queryForList("SELECT 'next_draft_due' AS kind, p.account_id, p.installment_amount::text AS amount, "
                + "p.next_draft_date::text AS due_date, p.id AS reference, "
                + "CASE WHEN p.autopay THEN 'autopay draft' ELSE 'payment due' END AS detail FROM staging.payment_plan p "
                + "WHERE p.status = 'active' AND p.next_draft_date BETWEEN ?::date AND ?::date + ? "
                + "ORDER BY p.next_draft_date, p.account_id", d, d, r.nextDraftWithinDays()));
        rows.addAll(jdbc.queryForList("SELECT 'new_statement' AS kind, s.account_id, s.amount_due::text AS amount, "
                + "s.due_date::text AS due_date, s.id AS reference, coalesce(s.delivery_status, '') AS detail "
                + "FROM staging.statement s WHERE s.statement_date BETWEEN ?::date - ? AND ?::date "
                + "ORDER BY s.account_id", d, r.newStatementWithinDays(), d));
        rows.addAll(jdbc.queryForList("SELECT 'overdue_balance' AS kind, s.account_id, "
                + "(s.amount_due - s.paid)::text AS amount, s.due_date::text AS due_date, s.id AS reference, "
                + "(?::date - s.due_date) || ' days past due' AS detail FROM (SELECT l.*, coalesce((SELECT sum(y.amount) "
                + "FROM staging.payment y WHERE y.account_id = l.account_id AND y.captured_at >= l.statement_date "
                + "AND y.status IN ('captured', 'settled')), 0) AS paid FROM (SELECT DISTINCT ON (account_id) * "
                + "FROM staging.statement ORDER BY account_id, statement_date DESC) l) s "
                + "WHERE s.amount_due > s.paid AND s.due_date <= ?::date - ? ORDER BY s.account_id",
                d, d, r.overdueAfterDays()));
        rows.addAll(jdbc.queryForList("SELECT 'plan_eligible' AS kind, a.id AS account_id, "
                + "a.record -> 'balance' ->> 'patientDue' AS amount, NULL AS due_date, NULL AS reference, "
                + "'no active plan' AS detail FROM staging.account a WHERE a.status = 'active' "
                + "AND (a.record -> 'balance' ->> 'patientDue')::numeric BETWEEN ? AND ? "
                + "AND NOT EXISTS (SELECT 1 FROM staging.payment_plan p WHERE p.account_id = a.id AND p.status = 'active') "
                + "ORDER BY a.id", r.planMinimum(), r.planMaximum()));
        return withChannels(rows, r.channels());
    }

    /** Each row's account, guarantor and facility, and the first channel of {@code order} the patient allows. */
    private List<Map<String, Object>> withChannels(List<Map<String, Object>> rows, List<String> order) {
        Set<String> accounts = new HashSet<>();
        rows.forEach(r -> accounts.add((String) r.get("account_id")));
        Map<String, Map<String, Object>> account = new HashMap<>();
        Map<String, Set<String>> optedOut = new HashMap<>();
        if (!accounts.isEmpty()) {
            String[] ids = accounts.toArray(String[]::new);
            jdbc.query("SELECT id, guarantor_id, facility_id, record -> 'communicationPreferences' AS prefs "
                    + "FROM staging.account WHERE id = ANY (?::text[])", ps -> ps.setArray(1,
                    ps.getConnection().createArrayOf("text", ids)), rs -> {
                        Map<String, Object> a = new HashMap<>();
                        a.put("guarantor_id", rs.getString(2));
                        a.put("facility_id", rs.getString(3));
                        a.put("prefs", rs.getString(4));
                        account.put(rs.getString(1), a);
                    });
            jdbc.query("SELECT DISTINCT account_id, channel FROM staging.communication WHERE status = 'opted_out' "
                    + "AND account_id = ANY (?::text[])", ps -> ps.setArray(1, ps.getConnection().createArrayOf("text",
                    ids)), rs -> {
                        optedOut.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                    });
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> a = account.getOrDefault((String) r.get("account_id"), Map.of());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", r.get("kind"));
            row.put("account_id", r.get("account_id"));
            row.put("guarantor_id", a.get("guarantor_id"));
            row.put("facility_id", a.get("facility_id"));
            row.put("channel", channel(order, (String) a.get("prefs"), optedOut.getOrDefault((String) r.get("account_id"),
                    Set.of())));
            row.put("amount", r.get("amount"));
            row.put("due_date", r.get("due_date"));
            row.put("reference", r.get("reference"));
            row.put("detail", r.get("detail"));
            out.add(row);
        }
        return out;
    }

    /** The first channel of {@code order} the preferences allow and no opt-out refused; 'none' when there is none. */
    static String channel(List<String> order, String prefsJson, Set<String> optedOut) {
        JsonNode prefs;
        try {
            prefs = prefsJson == null ? null : Json.MAPPER.readTree(prefsJson);
        } catch (IOException e) {
            prefs = null;
        }
        for (String c : order) {
            if (prefs != null && prefs.path(c).asBoolean(false) && !optedOut.contains(c)) {
                return c;
            }
        }
        return "none";
    }
}
