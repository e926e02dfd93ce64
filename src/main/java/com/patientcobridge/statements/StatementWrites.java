package com.patientcobridge.statements;

import com.patientcobridge.model.LineItem;
import com.patientcobridge.model.Statement;
import com.patientcobridge.system.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What staging a page of statements writes besides the statements: their line items (replaced
 * with each version) and, for each new statement or one whose content changed, its PDF wanted by
 * the archive. In the page's transaction.
 */
public final class StatementWrites {

    private final JdbcTemplate jdbc;
    private final boolean pdfs;

    /** {@code pdfs}: whether statement PDFs are archived (bridge.statements.archive-pdfs). */
    public StatementWrites(JdbcTemplate jdbc, boolean pdfs) {
        this.jdbc = jdbc;
        this.pdfs = pdfs;
    }

    public void write(List<Statement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        lines(statements);
        if (!pdfs) {
            return;
        }
        String[] ids = statements.stream().map(Statement::id).toArray(String[]::new);
        String[] accounts = statements.stream().map(Statement::accountId).toArray(String[]::new);
        String[] hashes = statements.stream().map(StatementWrites::contentHash).toArray(String[]::new);
        jdbc.update("INSERT INTO bridge.statement_pdf (statement_id, account_id, content_hash) "
                + "SELECT DISTINCT ON (u.id) u.id, u.account, u.hash FROM unnest(?::text[], ?::text[], ?::text[]) "
                + "WITH ORDINALITY AS u(id, account, hash, n) ORDER BY u.id, u.n DESC "
                + "ON CONFLICT (statement_id) DO UPDATE SET content_hash = EXCLUDED.content_hash, status = 'pending', "
                + "attempts = 0, next_attempt_at = now(), updated_at = now() "
                + "WHERE bridge.statement_pdf.content_hash <> EXCLUDED.content_hash", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", ids));
                    ps.setArray(2, ps.getConnection().createArrayOf("text", accounts));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", hashes));
                });
    }

    private void lines(List<Statement> statements) {
        List<Object[]> rows = new ArrayList<>();
        for (Statement s : statements) {
            List<LineItem> items = s.lineItems() == null ? List.of() : s.lineItems();
            for (int i = 0; i < items.size(); i++) {
                LineItem l = items.get(i);
                rows.add(new Object[] {s.id(), i + 1, l.encounterId(), l.serviceDate() == null ? null
                        : l.serviceDate().toString(), l.code(), l.description(), l.charge(), l.insurancePaid(),
                        l.adjustments(), l.patientResponsibility()});
            }
        }
        String[] ids = statements.stream().map(Statement::id).distinct().toArray(String[]::new);
        jdbc.execute((Connection c) -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM staging.statement_line WHERE statement_id = ANY (?::text[])")) {
                delete.setArray(1, c.createArrayOf("text", ids));
                delete.executeUpdate();
            }
            if (rows.isEmpty()) {
                return 0;
            }
            String[] types = {"text", "int4", "text", "date", "text", "text", "numeric", "numeric", "numeric", "numeric"};
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO staging.statement_line (statement_id, "
                    + "line_no, encounter_id, service_date, code, description, charge, insurance_paid, adjustments, "
                    + "patient_responsibility) SELECT * FROM unnest(?::text[], ?::int4[], ?::text[], ?::date[], "
                    + "?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[]) "
                    + "ON CONFLICT (statement_id, line_no) DO NOTHING")) {
                for (int col = 0; col < types.length; col++) {
                    Object[] values = new Object[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        values[r] = rows.get(r)[col];
                    }
                    insert.setArray(col + 1, c.createArrayOf(types[col], values));
                }
                return insert.executeUpdate();
            }
        });
    }

    /** What the PDF shows: dates, balances and lines; a change of delivery status alone does not make a new PDF. */
    static String contentHash(Statement s) {
        String text = String.join("|", String.valueOf(s.statementDate()), String.valueOf(s.dueDate()),
                String.valueOf(s.previousBalance()), String.valueOf(s.amountDue()),
                Json.write(s.lineItems() == null ? List.of() : s.lineItems()));
        return DigestUtils.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
