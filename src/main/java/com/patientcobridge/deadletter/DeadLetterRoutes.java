package com.patientcobridge.deadletter;

import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.system.BridgeHeaders;
import com.patientcobridge.system.Json;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code direct:dead-letter}: every flow's dead-letter channel ends here. Writes the dead letter
 * with the flow, the Patientco ids, the reason and the payload (never logged: ids and reasons only).
 */
public class DeadLetterRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRoutes.class);
    private final DeadLetterStore store;
    private final ObjectProvider<JobRuns> runs;

    public DeadLetterRoutes(DeadLetterStore store, ObjectProvider<JobRuns> runs) {
        this.store = store;
        this.runs = runs;
    }

    @Override
    public void configure() {
        from("direct:dead-letter").routeId("dead-letter").process(this::record);
    }

    void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        String flow = first(exchange.getIn().getHeader(BridgeHeaders.FLOW, String.class),
                exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), "unknown");
        String id = exchange.getIn().getHeader(BridgeHeaders.PATIENTCO_ID, String.class);
        if (id == null && cause instanceof PermanentFailure p) {
            id = p.recordId();
        }
        Object body = exchange.getIn().getBody();
        String payload = body == null ? null : body instanceof String s ? s : Json.write(body);
        String reason = cause == null ? "unknown failure" : cause instanceof PermanentFailure p ? p.reason()
                : cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        Integer redeliveries = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        Long runId = exchange.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class);
        Long blockedBy = cause instanceof com.patientcobridge.posting.BlockedByDeadLetter b ? b.blockedBy()
                : exchange.getIn().getHeader("BridgeBlockedBy", Long.class);
        Long outboxId = exchange.getIn().getHeader("BridgeOutboxId", Long.class);
        long deadId = store.record(new DeadLetterStore.Entry(flow, exchange.getIn().getHeader(BridgeHeaders.RESOURCE,
                String.class), id, exchange.getIn().getHeader(BridgeHeaders.ORDER_KEY, String.class), reason,
                cause == null ? null : cause.getClass().getName(), 1 + (redeliveries == null ? 0 : redeliveries), payload,
                body == null ? null : body.getClass().getName(), first(exchange.getIn().getHeader(BridgeHeaders.REPLAY_URI,
                        String.class), exchange.getFromEndpoint() == null ? null
                                : exchange.getFromEndpoint().getEndpointUri(), null), outboxId, runId, blockedBy));
        if (runId != null && runId > 0) {
            runs.ifAvailable(r -> r.add(runId, JobRuns.Counter.DEAD_LETTERED, 1));
        }
        LOG.warn("Dead letter {} in {} for {}: {}", deadId, flow, id, reason);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
