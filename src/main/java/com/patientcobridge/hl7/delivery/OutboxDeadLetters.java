package com.patientcobridge.hl7.delivery;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.system.BridgeHeaders;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox rows that cannot be delivered: marked dead on the row (which holds the later rows of its
 * guarantor) and sent to {@code direct:dead-letter}, where a person sees and replays them.
 */
final class OutboxDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDeadLetters.class);
    private final OutboxRows rows;
    private final Supplier<CamelContext> camel;

    OutboxDeadLetters(OutboxRows rows, Supplier<CamelContext> camel) {
        this.rows = rows;
        this.camel = camel;
    }

    /** The row is dead ({@code code}: the EHR's answer, or INVALID), with the EHR's ACK if there was one. */
    void die(OutboxRow row, String code, String reason, String ack) {
        rows.dead(row, code, reason, ack);
        record(row, reason);
    }

    /** Rows that waited for an MRN longer than {@code wait}, for a person to link and replay. */
    int expireLinkage(Duration wait) {
        List<OutboxRow> expired = rows.expireLinkage(wait);
        for (OutboxRow row : expired) {
            record(row, "missing linkage past its wait: patient " + row.patientId() + " has no MRN after " + wait);
        }
        return expired.size();
    }

    private void record(OutboxRow row, String reason) {
        LOG.warn("Outbox {} ({}) dead-lettered: {}", row.id(), row.msh10(), reason);
        CamelContext context = camel.get();
        Exchange dead = new DefaultExchange(context);
        dead.getIn().setBody(String.valueOf(row.id()));
        dead.getIn().setHeader(BridgeHeaders.FLOW, row.flow());
        dead.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, row.eventKey());
        dead.getIn().setHeader(BridgeHeaders.ORDER_KEY, row.orderKey());
        dead.getIn().setHeader("BridgeOutboxId", row.id());
        dead.getIn().setHeader(BridgeHeaders.RUN_ID, row.runId());
        dead.setProperty(Exchange.EXCEPTION_CAUGHT, new PermanentFailure(row.eventKey(), reason));
        try (ProducerTemplate template = context.createProducerTemplate()) {
            template.send("direct:dead-letter", dead);
        } catch (Exception e) {
            LOG.error("Could not record the dead letter of outbox {}: {}", row.id(), e.toString());
        }
    }
}
