package com.patientcobridge.patientco.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.patientco.PatientcoConnection;
import com.patientcobridge.patientco.client.PatientcoHttp;
import com.patientcobridge.patientco.client.PatientcoHttpException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns an inbound payment file into {@code POST /payments}, one per line, each with the key
 * {@code inb-<content hash>-<line>}: the same file dropped twice pays nothing twice. A line with
 * anything like a raw card or bank number is rejected before anything else and only ever appears
 * masked. The out body is the result file (CSV: line, reference, status, receipt, payment, error).
 */
public class InboundPayments implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InboundPayments.class);

    private final PatientcoConnection patientco;
    private final JdbcTemplate jdbc;

    public InboundPayments(PatientcoConnection patientco, JdbcTemplate jdbc) {
        this.patientco = patientco;
        this.jdbc = jdbc;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, "inbound", String.class);
        String content = exchange.getIn().getBody(String.class);
        String fileHash = sha256(content).substring(0, 24);
        StringBuilder result = new StringBuilder("line,reference,status,receipt_number,payment_id,error\n");
        int paid = 0;
        int rejected = 0;
        List<PaymentRequest> requests = PaymentFiles.parse(name, content);
        for (PaymentRequest r : requests) {
            String[] outcome = handle(name, fileHash, r);
            if (outcome[0].equals("paid")) {
                paid++;
            } else {
                rejected++;
            }
            result.append(r.line()).append(',').append(csv(CardNumbers.mask(r.reference()))).append(',')
                    .append(outcome[0]).append(',').append(csv(outcome[1])).append(',').append(csv(outcome[2]))
                    .append(',').append(csv(outcome[3])).append('\n');
        }
        LOG.info("Inbound payment file {}: {} lines, {} paid, {} not paid", name, requests.size(), paid, rejected);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name.replaceAll("\\.[^.]*$", "") + ".result.csv");
        exchange.getMessage().setBody(result.toString());
    }

    /** {status, receipt, payment id, error}. */
    private String[] handle(String file, String fileHash, PaymentRequest r) {
        for (String value : r.allValues()) {
            if (CardNumbers.suspicious(value)) {
                LOG.warn("Inbound payment file {} line {}: rejected, it carries a card or bank number", file, r.line());
                return new String[] {"rejected", null, null, (CardNumbers.cardLike(value) ? "card number"
                        : "bank or card number") + " in the line (" + CardNumbers.mask(value)
                        + "): only payment-method tokens are accepted"};
            }
        }
        String problem = problem(r);
        if (problem != null) {
            return new String[] {"rejected", null, null, problem};
        }
        String key = "inb-" + fileHash + "-" + r.line();
        List<Map<String, Object>> done = jdbc.queryForList("SELECT payment_id, receipt_number FROM "
                + "bridge.inbound_payment WHERE idempotency_key = ? AND status = 'paid'", key);
        if (!done.isEmpty()) {
            return new String[] {"paid", (String) done.get(0).get("receipt_number"),
                    (String) done.get(0).get("payment_id"), "already paid from an earlier copy of this file"};
        }
        ObjectNode body = PatientcoHttp.json().put("accountId", r.account()).put("amount", r.amount())
                .put("paymentMethodToken", r.token()).put("channel", "api");
        try {
            PatientcoHttp.Answer a = patientco.client().write("/api/v1/payments", body, key);
            if (a.status() == 201 || a.status() == 200) {
                JsonNode p = a.json();
                String receipt = p.path("receipt").path("number").asText(null);
                record(key, file, r.line(), "paid", p.path("id").asText(null), receipt, null);
                return new String[] {"paid", receipt, p.path("id").asText(null), a.replayed() ? "replayed" : null};
            }
            String error = a.status() + " " + a.errorCode();
            record(key, file, r.line(), "failed", null, null, error);
            return new String[] {"failed", null, null, error};
        } catch (PatientcoHttpException e) {
            return new String[] {"failed", null, null, e.status() + " " + e.code() + " (will be tried again with "
                    + "the same key if the file is dropped again)"};
        }
    }

    private static String problem(PaymentRequest r) {
        if (r.account() == null || !r.account().startsWith("acc_")) {
            return "account must be a Patientco account id (acc_...)";
        }
        if (r.amount() == null || !r.amount().matches("\\d{1,9}\\.\\d{2}") || r.amount().matches("0+\\.00")) {
            return "amount must be positive with two decimals (125.40)";
        }
        if (r.token() == null || !r.token().startsWith("tok_")) {
            return "payment method must be a token (tok_...)";
        }
        return null;
    }

    private void record(String key, String file, int line, String status, String paymentId, String receipt,
            String error) {
        jdbc.update("INSERT INTO bridge.inbound_payment (idempotency_key, file_name, line_no, status, payment_id, "
                + "receipt_number, error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO UPDATE SET "
                + "status = EXCLUDED.status, payment_id = EXCLUDED.payment_id, receipt_number = "
                + "EXCLUDED.receipt_number, error = EXCLUDED.error, updated_at = now()",
                key, file, line, status, paymentId, receipt, error);
    }

    private static String csv(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
