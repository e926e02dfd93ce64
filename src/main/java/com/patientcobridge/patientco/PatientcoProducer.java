package com.patientcobridge.patientco;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Resource;
import com.patientcobridge.model.Statement;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.client.RecordReader;
import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import com.patientcobridge.patientco.portal.DownloadArchive;
import com.patientcobridge.patientco.portal.PdfCheck;
import com.patientcobridge.patientco.portal.PortalReports;
import com.patientcobridge.patientco.portal.PortalSettings;
import com.patientcobridge.system.Json;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Reads one record ({@code get}, header {@code PatientcoId}), a settlement batch's items
 * ({@code patientco:settlement-items} or {@code patientco:settlement-report}, header
 * {@code PatientcoSettlementId}), a statement PDF ({@code pdf}), or writes money ({@code create},
 * {@code void}, {@code refund}: body a JSON object or map, key from {@code PatientcoIdempotencyKey}
 * or derived from the request).
 */
public class PatientcoProducer extends DefaultProducer {

    public static final String ID = "PatientcoId";
    public static final String SETTLEMENT_ID = "PatientcoSettlementId";
    public static final String IDEMPOTENCY_KEY = "PatientcoIdempotencyKey";
    public static final String STATUS = "PatientcoStatus";
    /** True when Patientco answered a write with the first answer again (same Idempotency-Key). */
    public static final String REPLAYED = "PatientcoReplayed";
    /** SHA-256 of a downloaded PDF or report, and where it was archived. */
    public static final String SHA256 = "PatientcoSha256";
    public static final String ARCHIVED_FILE = "PatientcoArchivedFile";

    public PatientcoProducer(PatientcoEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public PatientcoEndpoint getEndpoint() {
        return (PatientcoEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PatientcoEndpoint endpoint = getEndpoint();
        PatientcoClient client = endpoint.connection().client();
        Resource resource = endpoint.getResource();
        if (endpoint.getName().equals(PatientcoEndpoint.SETTLEMENT_REPORT)) {
            String batchId = required(exchange, SETTLEMENT_ID);
            PatientcoConfiguration c = endpoint.getConfiguration();
            PortalReports portal = new PortalReports(endpoint.connection(),
                    new PortalSettings(c.getArchiveDir(), c.getDiagnosticsDir(), c.getBrowser()),
                    endpoint.getComponent().getHealth(), endpoint.getComponent().getHttp());
            exchange.getMessage().setBody(portal.settlementReport(batchId));
            return;
        }
        String operation = resource == Resource.SETTLEMENT_ITEMS ? "items" : endpoint.getConfiguration().getOperation();
        switch (operation) {
            case "get" -> {
                JsonNode raw = client.one(resource, required(exchange, ID));
                exchange.getMessage().setBody(RecordReader.read(resource, raw));
            }
            case "items" -> {
                SettlementItems items = new SettlementItems(client, required(exchange, SETTLEMENT_ID));
                exchange.getMessage().setBody(endpoint.getConfiguration().isStreamItems() ? items.iterator()
                        : items.all());
            }
            case "pdf" -> pdf(exchange, client, required(exchange, ID));
            case "portal-pdfs" -> portalPdfs(exchange);
            case "create", "void", "refund" -> write(exchange, client, operation);
            default -> throw new IllegalArgumentException("Unknown patientco operation '" + operation + "'");
        }
    }

    /**
     * The statement's PDF through its signed URL; an expired URL is renewed once by reading the
     * statement again. A PDF that is not whole is refused, not archived: a 502 the caller retries.
     * A statement without a link (an older merchant setup) is a 404 {@code no_pdf}: its PDF is the
     * portal's ({@code operation=portal-pdfs}).
     */
    private void pdf(Exchange exchange, PatientcoClient client, String statementId) throws Exception {
        byte[] pdf = null;
        for (int attempt = 0; attempt < 2 && pdf == null; attempt++) {
            Statement statement = RecordReader.read(Resource.STATEMENTS, client.one(Resource.STATEMENTS, statementId),
                    Statement.class);
            if (statement.pdf() == null || statement.pdf().url() == null) {
                throw new PatientcoHttpException(404, "no_pdf", "Statement " + statementId + " has no PDF link");
            }
            pdf = client.download(statement.pdf().url());
        }
        if (pdf == null) {
            throw new PatientcoHttpException(403, "signed_url_refused", "Statement " + statementId
                    + ": the signed PDF link was refused twice");
        }
        String problem = PdfCheck.problem(pdf);
        if (problem != null) {
            throw new PatientcoHttpException(502, "corrupt_pdf", "Statement " + statementId + ": PDF refused, " + problem);
        }
        DownloadArchive archive = new DownloadArchive(Path.of(getEndpoint().getConfiguration().getArchiveDir()));
        DownloadArchive.Archived saved = archive.save("statements", statementId + ".pdf", pdf);
        exchange.getMessage().setHeader(SHA256, saved.sha256());
        exchange.getMessage().setHeader(ARCHIVED_FILE, saved.file().toString());
        exchange.getMessage().setBody(pdf);
    }

    /**
     * Statement PDFs from the portal, in one browser session: the body maps statement ids to their
     * account ids; the answer maps them to the bytes downloaded, as they came (the caller checks them).
     */
    @SuppressWarnings("unchecked")
    private void portalPdfs(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        java.util.Map<String, String> wanted = exchange.getIn().getMandatoryBody(java.util.Map.class);
        PatientcoConfiguration c = getEndpoint().getConfiguration();
        PortalReports portal = new PortalReports(getEndpoint().connection(), new PortalSettings(c.getArchiveDir(),
                c.getDiagnosticsDir(), c.getBrowser()), getEndpoint().getComponent().getHealth(),
                getEndpoint().getComponent().getHttp());
        exchange.getMessage().setBody(portal.statementPdfs(wanted));
    }

    private void write(Exchange exchange, PatientcoClient client, String operation) {
        JsonNode body = Json.MAPPER.valueToTree(exchange.getIn().getBody());
        String path = switch (operation) {
            case "create" -> "/api/v1/payments";
            case "void" -> "/api/v1/payments/" + required(exchange, ID) + "/void";
            default -> "/api/v1/payments/" + required(exchange, ID) + "/refunds";
        };
        String key = exchange.getIn().getHeader(IDEMPOTENCY_KEY, String.class);
        if (key == null || key.isBlank()) {
            key = derivedKey(path, body);
            exchange.getMessage().setHeader(IDEMPOTENCY_KEY, key);
        }
        PatientcoHttp.Answer answer = client.write(path, body, key);
        exchange.getMessage().setHeader(STATUS, answer.status());
        exchange.getMessage().setHeader(REPLAYED, answer.replayed());
        if (answer.status() >= 300) {
            throw new PatientcoHttpException(answer.status(), answer.errorCode(),
                    operation + " refused by Patientco: " + answer.status() + " " + answer.errorCode());
        }
        exchange.getMessage().setBody(answer.json());
    }

    /**
     * A key from the request itself: the same write sent again (a redelivery, a re-run) gets the
     * same key and so is applied once. Two different writes with the same body need their own keys.
     */
    static String derivedKey(String path, JsonNode body) {
        try {
            return "bridge-" + DigestUtils.sha256Hex(path + "\n" + Json.MAPPER.writeValueAsString(
                    Json.MAPPER.treeToValue(body, Object.class))).substring(0, 40);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot derive an Idempotency-Key", e);
        }
    }

    private static String required(Exchange exchange, String header) {
        String value = exchange.getIn().getHeader(header, String.class);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("patientco: the " + header + " header is required");
        }
        return value;
    }
}
