package com.patientcobridge.hl7.delivery;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EHR feeding the crosswalk back: ADT A04, A08, A28, A31 link the Patientco patient named in
 * PID-3 (assigning authority PATIENTCO) to the MRN beside it; A40 merges move links from the prior
 * MRN (MRG-1) to the survivor. Messages waiting for those MRNs are released at once.
 */
public class InboundAdtRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(InboundAdtRoutes.class);
    private final int port;
    private final HapiContext hapi;
    private final PostgresCrosswalk crosswalk;
    private final OutboxRows rows;
    private final Runnable nudge;
    private final boolean tls;

    public InboundAdtRoutes(int port, boolean tls, HapiContext hapi, PostgresCrosswalk crosswalk, OutboxRows rows,
            Runnable nudge) {
        this.port = port;
        this.tls = tls;
        this.hapi = hapi;
        this.crosswalk = crosswalk;
        this.rows = rows;
        this.nudge = nudge;
    }

    @Override
    public void configure() {
        from("mllp://0.0.0.0:" + port + "?autoAck=true" + (tls ? EhrTls.uriOption() : ""))
                .routeId("ehr-adt-inbound")
                .convertBodyTo(String.class)
                .process(this::apply);
    }

    void apply(Exchange exchange) throws Exception {
        Message message = hapi.getPipeParser().parse(exchange.getIn().getBody(String.class));
        Terser t = new Terser(message);
        String event = t.get("/MSH-9-2");
        int linked = 0;
        if ("A40".equals(event)) {
            String survivor = t.get("/.PID-3-1");
            String prior = t.get("/.MRG-1-1");
            linked = crosswalk.merge(Crosswalk.Kind.PATIENT, prior, survivor);
        } else {
            String mrn = null;
            String patientId = null;
            for (int i = 0; i < 5; i++) {
                String id = t.get("/.PID-3(" + i + ")-1");
                String authority = t.get("/.PID-3(" + i + ")-4-1");
                String type = t.get("/.PID-3(" + i + ")-5");
                if (id == null) {
                    break;
                }
                if ("PATIENTCO".equals(authority)) {
                    patientId = id;
                } else if (mrn == null && (type == null || "MR".equals(type))) {
                    mrn = id;
                }
            }
            if (patientId != null && mrn != null && crosswalk.link(Crosswalk.Kind.PATIENT, patientId, mrn, "ehr")) {
                linked++;
            }
        }
        int released = rows.releaseLinked();
        if (released > 0) {
            nudge.run();
        }
        LOG.info("EHR ADT {} ({}): {} link(s) updated, {} waiting message(s) released", event,
                t.get("/MSH-10"), linked, released);
    }
}
