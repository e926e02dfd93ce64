package com.patientcobridge.outreach;

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
 * The daily outreach file: {@code outreach-<date>.csv} (RFC 4180 by Commons CSV) written with
 * camel-file under a temporary name, then renamed; on its schedule (Quartz cron) and on demand
 * ({@code direct:outreach-file}, header {@code OutreachDate}, today by default).
 */
final class OutreachFile extends RouteBuilder {

    static final String DIRECT = "direct:outreach-file";
    private final OutreachFeed feed;
    private final String folder;
    private final String cron;
    private final String zone;

    OutreachFile(OutreachFeed feed, String folder, String cron, String zone) {
        this.feed = feed;
        this.folder = folder;
        this.cron = cron;
        this.zone = zone;
    }

    @Override
    public void configure() {
        from("quartz://outreach/daily?cron=" + cron.replace(' ', '+') + "&trigger.timeZone=" + zone)
                .routeId("outreach-schedule").to(DIRECT);
        from(DIRECT).routeId("outreach-file")
                .process(e -> {
                    String asked = e.getIn().getHeader("OutreachDate", String.class);
                    LocalDate day = asked == null || asked.isBlank() ? LocalDate.now() : LocalDate.parse(asked);
                    List<Map<String, Object>> rows = feed.rows(day);
                    e.getIn().setBody(csv(rows));
                    e.getIn().setHeader("CamelFileName", "outreach-" + day + ".csv");
                    e.getIn().setHeader("OutreachRows", rows.size());
                })
                .to("file:" + folder + "?tempPrefix=.writing-&fileExist=Override&charset=UTF-8")
                .log("Outreach file ${header.CamelFileName} written: ${header.OutreachRows} rows");
    }

    static String csv(List<Map<String, Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(OutreachFeed.COLUMNS).get())) {
            for (Map<String, Object> r : rows) {
                Object[] values = new Object[OutreachFeed.COLUMNS.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.get(OutreachFeed.COLUMNS[i]);
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
