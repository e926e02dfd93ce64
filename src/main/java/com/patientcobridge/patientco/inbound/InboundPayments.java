package com.patientcobridge.patientco.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.failure.TransientFailure;
import com.patientcobridge.patientco.client.PatientcoConnection;
import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import com.patientcobridge.privacy.CardNumbers;
import com.patientcobridge.system.BridgeHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pays an inbound payment file through {@code POST /payments}, line by line, and answers with its
 * result file. Each payment's Idempotency-Key comes from its business identity (the reference), so a
 * payment re-sent in any file is charged once, and a reference re-sent for another charge is refused
 * as a conflict for an operator. A line with a raw card or bank number is refused and only ever
 * appears masked; a file that cannot be read is kept masked in {@code .failed/}. When Patientco or
 * the database is down the file fails as a whole and stays where it is, to be read again.
 */
public class InboundPayments implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(InboundPayments.class);
    private static final String FLOW = "inbound-payment-file";

    private final PatientcoConnection patientco;
    private final InboundLedger ledger;
    private final InboundLimits limits;
    private final Quarantine quarantine;
    private final ProducerTemplate deadLetters;

    public InboundPayments(PatientcoConnection patientco, JdbcTemplate jdbc, InboundLimits limits,
            java.nio.file.Path quarantine, ProducerTemplate deadLetters) {
        this.patientco = patientco;
        this.ledger = new InboundLedger(jdbc);
        this.limits = limits;
        this.quarantine = new Quarantine(quarantine);
        this.deadLetters = deadLetters;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, "inbound", String.class);
        String safeName = CardNumbers.maskRuns(name, 6).replaceAll("[^A-Za-z0-9._-]", "_");
        List<ResultsFile.Row> rows = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        try {
            if (length != null && length > limits.maxFileBytes()) {
                throw new TooLarge(length);
            }
            byte[] content = exchange.getIn().getBody(byte[].class);
            if (content == null) {
                content = new byte[0];
            }
            if (content.length > limits.maxFileBytes()) {
                throw new TooLarge(content.length);
            }
            List<InboundLine> lines;
            try {
                lines = PaymentFiles.read(name, content, limits);
            } catch (UnreadableFile e) {
                java.nio.file.Path kept = quarantine.keep(safeName, content);
                throw new UnreadableFile(e.getMessage() + "; a masked copy is in " + kept.getFileName());
            }
            for (InboundLine line : lines) {
                ResultsFile.Row row = pay(safeName, line);
                rows.add(row);
                counts.merge(row.status(), 1, Integer::sum);
            }
        } catch (TooLarge e) {
            rows.add(new ResultsFile.Row(0, null, "refused", null, null, "file " + safeName + " is " + e.bytes
                    + " bytes, over the limit of " + limits.maxFileBytes() + ": not read (split it)"));
            counts.merge("refused", 1, Integer::sum);
        } catch (UnreadableFile e) {
            rows.add(new ResultsFile.Row(0, null, "refused", null, null, "file " + safeName + ": " + e.getMessage()));
            counts.merge("refused", 1, Integer::sum);
        }
        LOG.info("Inbound payment file {}: {} line(s), {}", safeName, rows.size(), counts);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, safeName.replaceAll("\\.[^.]*$", "") + ".result.csv");
        exchange.getMessage().setBody(ResultsFile.write(rows));
    }

    private ResultsFile.Row pay(String file, InboundLine line) {
        PaymentRequest.Checked checked = PaymentRequest.of(line);
        if (checked.refused() != null) {
            String reference = CardNumbers.maskRuns(line.first("reference", "ref"), 6);
            if (checked.refused().contains("number in")) {
                LOG.warn("Inbound payment file {} line {}: refused, it carries a card or bank number", file, line.line());
            }
            return new ResultsFile.Row(line.line(), reference, "refused", null, null, checked.refused());
        }
        PaymentRequest r = checked.request();
        String identity = InboundLedger.hash(r.identity());
        InboundLedger.Attempt last = ledger.last(identity);
        int attempt = 1;
        if (last != null) {
            boolean same = r.sameCharge(last.accountId(), last.amount(), last.token());
            if ("paid".equals(last.status()) || "pending".equals(last.status())) {
                if (!same) {
                    return conflict(file, r, last);
                }
                if ("paid".equals(last.status())) {
                    return new ResultsFile.Row(r.line(), r.reference(), "paid", last.receipt(), last.paymentId(),
                            "already paid from " + last.fileName() + "; not charged again");
                }
                attempt = last.attempt();
            } else {
                attempt = last.attempt() + 1;
            }
        }
        if ((last == null || !"pending".equals(last.status())) && !ledger.claim(identity, attempt, r, file)) {
            InboundLedger.Attempt other = ledger.last(identity);
            return new ResultsFile.Row(r.line(), r.reference(), "pending", null, null, "being paid from "
                    + (other == null ? "another file" : other.fileName()) + " right now; not charged twice");
        }
        return charge(r, InboundLedger.key(identity, attempt));
    }

    private ResultsFile.Row charge(PaymentRequest r, String key) {
        ObjectNode body = PatientcoHttp.json().put("accountId", r.account()).put("amount", r.amount())
                .put("paymentMethodToken", r.token()).put("channel", "api");
        PatientcoHttp.Answer a;
        try {
            a = patientco.client().write("/api/v1/payments", body, key);
        } catch (PatientcoHttpException e) {
            if (e.transientFailure()) {
                throw new TransientFailure("Patientco unreachable while paying an inbound file (" + e.code()
                        + "); the file is read again later", e);
            }
            throw e;
        }
        if (a.status() == 201 || a.status() == 200) {
            JsonNode p = a.json();
            String receipt = p.path("receipt").path("number").asText(null);
            String paymentId = p.path("id").asText(null);
            ledger.paid(key, paymentId, receipt);
            return new ResultsFile.Row(r.line(), r.reference(), "paid", receipt, paymentId,
                    a.replayed() ? "replayed by Patientco (same key)" : null);
        }
        if (a.status() == 429 || a.status() >= 500) {
            throw new TransientFailure("Patientco answered " + a.status() + " while paying an inbound file; the file "
                    + "is read again later");
        }
        String error = a.status() + " " + a.errorCode();
        ledger.refused(key, error);
        return new ResultsFile.Row(r.line(), r.reference(), "failed", null, null, error);
    }

    /** A reference paid (or being paid) for another charge: refused, and set before an operator as a dead letter. */
    private ResultsFile.Row conflict(String file, PaymentRequest r, InboundLedger.Attempt last) {
        String reason = "reference " + (r.reference() == null ? "(none: same account, token and amount)" : r.reference())
                + " was " + last.status() + " from " + last.fileName() + " for " + last.amount() + " on account "
                + last.accountId() + "; line " + r.line() + " of " + file + " asks " + r.amount() + " on account "
                + r.account() + ": refused as a conflict, not charged";
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("file", file);
        payload.put("line", r.line());
        payload.put("reference", r.reference());
        payload.put("account", r.account());
        payload.put("amount", r.amount());
        payload.put("paymentMethodToken", r.token());
        payload.put("paidBefore", last.paymentId());
        Exchange dead = deadLetters.send("direct:dead-letter", e -> {
            e.getIn().setBody(payload);
            e.getIn().setHeader(BridgeHeaders.FLOW, FLOW);
            e.getIn().setHeader(BridgeHeaders.RESOURCE, "inbound-payments");
            e.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, "inbound:" + InboundLedger.hash(r.identity()).substring(0, 24)
                    + ":" + r.amount());
            e.setProperty(Exchange.EXCEPTION_CAUGHT, new PermanentFailure(r.reference(), reason));
        });
        if (dead.getException() != null) {
            throw new IllegalStateException("cannot record the conflict of line " + r.line() + " for an operator",
                    dead.getException());
        }
        LOG.warn("Inbound payment file {} line {}: refused as a conflict with an earlier payment", file, r.line());
        return new ResultsFile.Row(r.line(), r.reference(), "conflict", null, last.paymentId(), reason);
    }

    /** A file above the size limit: not read at all. */
    private static final class TooLarge extends RuntimeException {
        final long bytes;

        TooLarge(long bytes) {
            super(null, null, false, false);
            this.bytes = bytes;
        }
    }
}
