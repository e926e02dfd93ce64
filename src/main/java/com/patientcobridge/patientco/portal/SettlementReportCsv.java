package com.patientcobridge.patientco.portal;

import com.patientcobridge.patientco.client.MalformedRecordException;
import com.patientcobridge.patientco.model.SettlementItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the portal's settlement report ({@code batch_id,item_id,type,payment_id,refund_id,
 * chargeback_id,account_id,amount,occurred_at}) by column name, checking each line as the API's items are checked.
 */
public final class SettlementReportCsv {

    private static final List<String> COLUMNS = List.of("batch_id", "item_id", "type", "payment_id", "refund_id",
            "chargeback_id", "account_id", "amount", "occurred_at");

    private SettlementReportCsv() {
    }

    public static List<SettlementItem> parse(String batchId, String csv) {
        String[] lines = csv.replace("\r", "").split("\n");
        List<String> header = Arrays.stream(lines[0].split(",", -1)).map(String::strip).toList();
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = header.indexOf(COLUMNS.get(i));
            if (at[i] < 0) {
                throw new MalformedRecordException(batchId, COLUMNS.get(i), "is missing from the report header");
            }
        }
        List<SettlementItem> items = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String[] f = lines[n].split(",", -1);
            String id = value(f, at[1]);
            if (!batchId.equals(value(f, at[0]))) {
                throw new MalformedRecordException(id, "batch_id", "names another batch");
            }
            String amount = value(f, at[7]);
            if (amount == null || !amount.matches("-?\\d{1,12}\\.\\d{2}")) {
                throw new MalformedRecordException(id, "amount", "is '" + amount + "', expected a decimal with two places");
            }
            if (id == null || !id.startsWith("sti_")) {
                throw new MalformedRecordException(id, "item_id", "must be an id starting with sti_");
            }
            items.add(new SettlementItem(id, value(f, at[2]), value(f, at[3]), value(f, at[4]), value(f, at[5]),
                    value(f, at[6]), new BigDecimal(amount), Instant.parse(value(f, at[8]))));
        }
        return items;
    }

    private static String value(String[] fields, int i) {
        if (i >= fields.length) {
            return null;
        }
        String v = fields[i].strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }
}
