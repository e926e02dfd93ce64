package com.patientcobridge.staging;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:reconciliation-export} (header {@code DepositDate}): the reconciliation of one
 * deposit date as a CSV file for finance, written with camel-file under a temporary name, then renamed.
 */
public class ReconciliationExport extends RouteBuilder {

    static final String HEADER = "deposit_date,facility_id,batch_id,item_id,type,payment_id,refund_id,chargeback_id,"
            + "settled_amount,posted_amount,posting_status,msh10,outcome";
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
                .to("file:" + folder + "?tempPrefix=.writing-&fileExist=Override");
    }

    static String csv(List<Map<String, Object>> rows) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (Map<String, Object> r : rows) {
            String[] cols = {"deposit_date", "facility_id", "batch_id", "item_id", "type", "payment_id", "refund_id",
                "chargeback_id", "settled_amount", "posted_amount", "posting_status", "msh10", "outcome"};
            for (int i = 0; i < cols.length; i++) {
                Object v = r.get(cols[i]);
                s.append(i == 0 ? "" : ",").append(v == null ? "" : v.toString().replace(",", " "));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
