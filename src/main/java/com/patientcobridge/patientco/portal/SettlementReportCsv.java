package com.patientcobridge.patientco.portal;

import com.patientcobridge.model.SettlementItem;
import com.patientcobridge.patientco.client.MalformedRecordException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the portal's settlement report ({@code batch_id,item_id,type,payment_id,refund_id,
 * chargeback_id,account_id,amount,occurred_at}) as RFC 4180 CSV with Commons CSV, by column name,
 * checking each line as the API's items are checked.
 */
public final class SettlementReportCsv {

    private static final List<String> COLUMNS = List.of("batch_id", "item_id", "type", "payment_id", "refund_id",
            "chargeback_id", "account_id", "amount", "occurred_at");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();

    private SettlementReportCsv() {
    }

    public static List<SettlementItem> parse(String batchId, String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            for (String column : COLUMNS) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new MalformedRecordException(batchId, column, "is missing from the report header");
                }
            }
            List<SettlementItem> items = new ArrayList<>();
            for (CSVRecord r : parser) {
                items.add(item(batchId, r));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MalformedRecordException(batchId, "report.csv", "cannot be read as CSV: "
                    + (e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private static SettlementItem item(String batchId, CSVRecord r) {
        String id = value(r, "item_id");
        if (id == null || !id.startsWith("sti_")) {
            throw new MalformedRecordException(id, "item_id", "must be an id starting with sti_ (line "
                    + r.getRecordNumber() + ")");
        }
        if (!batchId.equals(value(r, "batch_id"))) {
            throw new MalformedRecordException(id, "batch_id", "names another batch");
        }
        String amount = value(r, "amount");
        if (amount == null || !amount.matches("-?\\d{1,12}\\.\\d{2}")) {
            throw new MalformedRecordException(id, "amount", "is '" + amount + "', expected a decimal with two places");
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(value(r, "occurred_at"));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new MalformedRecordException(id, "occurred_at", "is not an ISO-8601 instant");
        }
        return new SettlementItem(id, value(r, "type"), value(r, "payment_id"), value(r, "refund_id"),
                value(r, "chargeback_id"), value(r, "account_id"), new BigDecimal(amount), occurredAt);
    }

    private static String value(CSVRecord r, String column) {
        String v = r.isSet(column) ? r.get(column) : null;
        return v == null || v.isBlank() ? null : v.strip();
    }
}
