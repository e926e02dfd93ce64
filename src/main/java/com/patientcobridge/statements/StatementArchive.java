package com.patientcobridge.statements;

import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.patientco.PatientcoProducer;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import com.patientcobridge.patientco.portal.DownloadArchive;
import com.patientcobridge.patientco.portal.PdfCheck;
import com.patientcobridge.system.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Archives the statement PDFs that are due: through the statement's signed API link (renewed when
 * expired), else from the portal, all of a round in one browser session. A PDF that is not whole is
 * refused and tried again later, with a growing wait; after the last try it is a dead letter.
 * Each PDF is stored once per version of its statement, with its SHA-256.
 */
final class StatementArchive {

    static final String FLOW = "statement-pdf";
    static final String REPLAY = "direct:statement-pdf-replay";
    private static final Logger LOG = LoggerFactory.getLogger(StatementArchive.class);

    /** A statement whose PDF is due. */
    record Due(String statementId, String accountId, int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final ProducerTemplate camel;
    private final DeadLetterStore deadLetters;
    private final DownloadArchive archive;
    private final int maxAttempts;
    private final Duration firstWait;

    StatementArchive(JdbcTemplate jdbc, ProducerTemplate camel, DeadLetterStore deadLetters, Path archiveDir,
            int maxAttempts, Duration firstWait) {
        this.jdbc = jdbc;
        this.camel = camel;
        this.deadLetters = deadLetters;
        this.archive = new DownloadArchive(archiveDir);
        this.maxAttempts = maxAttempts;
        this.firstWait = firstWait;
    }

    /** One round: every due PDF, at most {@code limit}; returns how many were archived. */
    int archiveDue(int limit) {
        List<Due> due = jdbc.query("SELECT statement_id, account_id, attempts FROM bridge.statement_pdf "
                + "WHERE status = 'pending' AND next_attempt_at <= now() ORDER BY next_attempt_at, statement_id LIMIT ?",
                (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getInt(3)), limit);
        int archived = 0;
        Map<String, Due> portal = new LinkedHashMap<>();
        for (Due d : due) {
            Exchange answer = camel.request("patientco:statements?operation=pdf",
                    e -> e.getIn().setHeader(PatientcoProducer.ID, d.statementId()));
            Exception failure = answer.getException();
            if (failure == null) {
                archived(d, "api", answer.getMessage().getHeader(PatientcoProducer.ARCHIVED_FILE, String.class),
                        answer.getMessage().getHeader(PatientcoProducer.SHA256, String.class));
                archived++;
            } else if (failure instanceof PatientcoHttpException http && "no_pdf".equals(http.code())) {
                portal.put(d.statementId(), d);
            } else {
                failed(d, reason(failure));
            }
        }
        if (!portal.isEmpty()) {
            archived += fromPortal(portal);
        }
        return archived;
    }

    private int fromPortal(Map<String, Due> wanted) {
        Map<String, String> accounts = new LinkedHashMap<>();
        wanted.forEach((id, d) -> accounts.put(id, d.accountId()));
        Map<?, ?> found;
        try {
            found = camel.requestBody("patientco:statements?operation=portal-pdfs", accounts, Map.class);
        } catch (CamelExecutionException e) {
            String why = "the portal failed: " + reason(e.getCause() == null ? e : e.getCause());
            wanted.values().forEach(d -> failed(d, why));
            return 0;
        }
        int archived = 0;
        for (Due d : wanted.values()) {
            byte[] pdf = (byte[]) found.get(d.statementId());
            String problem = pdf == null ? "the portal lists no PDF for it" : PdfCheck.problem(pdf);
            if (problem != null) {
                failed(d, pdf == null ? problem : "PDF refused, " + problem);
                continue;
            }
            DownloadArchive.Archived saved = archive.save("statements", d.statementId() + ".pdf", pdf);
            archived(d, "portal", saved.file().toString(), saved.sha256());
            archived++;
        }
        return archived;
    }

    private void archived(Due d, String source, String file, String sha256) {
        jdbc.update("UPDATE bridge.statement_pdf SET status = 'archived', source = ?, file = ?, sha256 = ?, reason = NULL, "
                + "attempts = attempts + 1, archived_at = now(), updated_at = now() WHERE statement_id = ?", source, file,
                sha256, d.statementId());
    }

    /** Tried again after a wait that doubles with each try; after the last, a dead letter a person can replay. */
    private void failed(Due d, String reason) {
        int attempts = d.attempts() + 1;
        if (attempts >= maxAttempts) {
            jdbc.update("UPDATE bridge.statement_pdf SET status = 'failed', attempts = ?, reason = ?, updated_at = now() "
                    + "WHERE statement_id = ?", attempts, reason, d.statementId());
            deadLetters.record(new DeadLetterStore.Entry(FLOW, "statements", d.statementId(), null, "PDF of statement "
                    + d.statementId() + " not archived after " + attempts + " tries: " + reason, null, attempts,
                    Json.write(new StatementPdfReplay(d.statementId())), StatementPdfReplay.class.getName(), REPLAY,
                    null, null, null));
            LOG.warn("Statement {}: PDF not archived after {} tries, dead-lettered: {}", d.statementId(), attempts, reason);
            return;
        }
        long waitMillis = firstWait.toMillis() << Math.min(attempts - 1, 16);
        jdbc.update("UPDATE bridge.statement_pdf SET attempts = ?, reason = ?, next_attempt_at = now() + "
                + "(? * interval '1 millisecond'), updated_at = now() WHERE statement_id = ?", attempts, reason, waitMillis,
                d.statementId());
        LOG.info("Statement {}: PDF not archived ({}), try {} of {} in {} ms", d.statementId(), reason, attempts + 1,
                maxAttempts, waitMillis);
    }

    /** A person's replay: the PDF is due again, with its tries counted afresh. */
    void retry(String statementId) {
        jdbc.update("UPDATE bridge.statement_pdf SET status = 'pending', attempts = 0, next_attempt_at = now(), "
                + "updated_at = now() WHERE statement_id = ? AND status = 'failed'", statementId);
    }

    private static String reason(Throwable e) {
        Throwable cause = e instanceof CamelExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
