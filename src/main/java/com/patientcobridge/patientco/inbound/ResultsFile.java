package com.patientcobridge.patientco.inbound;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The result file of an inbound payment file, RFC 4180 CSV by Commons CSV: one row per line with
 * its reference, what happened (paid, refused, failed, conflict), the receipt and payment ids, and
 * why. It echoes no value of a refused line but its reference, masked.
 */
final class ResultsFile {

    static final String[] HEADER = {"line", "reference", "status", "receipt_number", "payment_id", "error"};

    /** One row of the result file. */
    record Row(int line, String reference, String status, String receipt, String paymentId, String error) {
    }

    private ResultsFile() {
    }

    static String write(List<Row> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            for (Row r : rows) {
                printer.printRecord(r.line(), r.reference(), r.status(), r.receipt(), r.paymentId(), r.error());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
