package com.patientcobridge.settlement;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code direct:reconciliation-export} (header {@code DepositDate}): the reconciliation of one
 * deposit date as an RFC 4180 CSV file for finance (Commons CSV: a value with a comma, a quote or
 * a line break is quoted, never altered), written with camel-file under a temporary name, then renamed.
 */
public class ReconciliationExport extends RouteBuilder {

    static final String[] COLUMNS = {"deposit_date", "facility_id", "batch_id", "item_id", "type", "payment_id",
        "refund_id", "chargeback_id", "settled_amount", "posted_amount", "posting_status", "msh10", "outcome"};
    static final String HEADER = String.join(",", COLUMNS);
    private final Reconciliation reconciliation;
    private final String folder;

    public ReconciliationExport(Reconciliation reconciliation, String folder) {
        this.reconciliation = reconciliation;
        this.folder = folder;
    }

    @Override
    public void configure() {
        from("direct:reconciliation-export").routeId("reconciliation-export")
                .process(e -> {
                    LocalDate day = LocalDate.parse(e.getIn().getHeader("DepositDate", String.class));
                    e.getIn().setBody(csv(reconciliation.byDepositDate(day)));
                    e.getIn().setHeader("CamelFileName", "reconciliation-" + day + ".csv");
                })
                .to("file:" + folder + "?tempPrefix=.writing-&fileExist=Override&charset=UTF-8");
    }

    static String csv(List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get())) {
            for (Map<String, Object> r : rows) {
                Object[] values = new Object[COLUMNS.length];
                for (int i = 0; i < COLUMNS.length; i++) {
                    values[i] = r.get(COLUMNS[i]);
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
