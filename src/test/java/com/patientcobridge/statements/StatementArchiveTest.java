package com.patientcobridge.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.patientco.portal.PdfCheck;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.schedule.CycleRunner;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A sync archives every statement's PDF the sandbox serves: through the API's signed link, or
 * from the portal for the accounts whose statements the API does not link; a PDF the sandbox cuts
 * short is refused and fetched again; each is stored once with its SHA-256; the line items are
 * staged; the lifecycle report counts statements by delivery status and age.
 */
@BridgeSpringTest
@TestPropertySource(properties = {"bridge.statements.archive-pdfs=true", "bridge.statements.pdf-retry=PT0.2S",
        "bridge.statements.period-ms=200"})
class StatementArchiveTest {

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;
    @Autowired SandboxServer sandbox;
    @Autowired StatementReport report;

    @Test
    void everyStatementPdfIsArchivedOnceWholeAndItsLinesStaged() throws Exception {
        sandbox.faults().pdfTruncatedShare(0.2);
        cycle.runCycle("test", Duration.ofMinutes(4));

        int statements = jdbc.queryForObject("SELECT count(*) FROM staging.statement", Integer.class);
        assertThat(statements).as("statements the sandbox serves").isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM bridge.statement_pdf", Integer.class)).isPositive();
        List<Map<String, Object>> pdfs = jdbc.queryForList("SELECT * FROM bridge.statement_pdf");
        assertThat(pdfs).allSatisfy(p -> assertThat(p.get("status")).as("%s: %s", p.get("statement_id"), p.get("reason"))
                .isEqualTo("archived"));
        assertThat(pdfs).anySatisfy(p -> assertThat(p.get("source")).isEqualTo("portal"))
                .anySatisfy(p -> assertThat(p.get("source")).isEqualTo("api"))
                .anySatisfy(p -> assertThat(((Number) p.get("attempts")).intValue()).as("a cut-short PDF tried again")
                        .isGreaterThan(1));
        for (Map<String, Object> p : pdfs) {
            byte[] pdf = Files.readAllBytes(Path.of((String) p.get("file")));
            assertThat(PdfCheck.problem(pdf)).as("%s", p.get("file")).isNull();
            assertThat(DigestUtils.sha256Hex(pdf)).isEqualTo(p.get("sha256"));
            assertThat(Files.readString(Path.of(p.get("file") + ".sha256"))).startsWith((String) p.get("sha256"));
        }

        int lines = jdbc.queryForObject("SELECT sum(line_count) FROM staging.statement", Integer.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staging.statement_line", Integer.class)).isEqualTo(lines)
                .isPositive();

        // Read again, unchanged: nothing is fetched or written again.
        long archivedBefore = jdbc.queryForObject("SELECT count(*) FROM bridge.statement_pdf WHERE archived_at IS NOT NULL",
                Long.class);
        Object lastArchived = jdbc.queryForObject("SELECT max(archived_at) FROM bridge.statement_pdf", Object.class);
        cycle.runCycle("test", Duration.ofMinutes(2));
        assertThat(jdbc.queryForObject("SELECT max(archived_at) FROM bridge.statement_pdf", Object.class))
                .isEqualTo(lastArchived);
        assertThat(archivedBefore).isEqualTo(statements);

        String facility = jdbc.queryForObject("SELECT facility_id FROM staging.account LIMIT 1", String.class);
        List<Map<String, Object>> rows = report.byStatusAndAge(facility, LocalDate.now());
        assertThat(rows).isNotEmpty();
        long counted = rows.stream().mapToLong(r -> ((Number) r.get("statements")).longValue()).sum();
        assertThat(counted).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM staging.statement s JOIN staging.account a "
                + "ON a.id = s.account_id WHERE a.facility_id = ?", Long.class, facility));
        assertThat(rows).allSatisfy(r -> assertThat(r.get("age_days")).isIn("0-30", "31-60", "61-90", "90+"));
        assertThat(rows.stream().map(r -> (BigDecimal) r.get("amount_due")).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isPositive();
    }
}
