package com.patientcobridge.deadletter;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.failure.WaitsBehind;
import com.patientcobridge.privacy.LogRedaction;
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

    /** Header: the dead letter this record waits behind (when not said by a {@link WaitsBehind}). */
    public static final String BLOCKED_BY = "BridgeBlockedBy";
    /** Header: the outbox row a delivery dead letter is about; a replay releases it. */
    public static final String OUTBOX_ID = "BridgeOutboxId";
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
        var in = exchange.getIn();
        String flow = first(in.getHeader(BridgeHeaders.FLOW, String.class),
                exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), "unknown");
        String id = in.getHeader(BridgeHeaders.PATIENTCO_ID, String.class);
        if (id == null && cause instanceof PermanentFailure p) {
            id = p.recordId();
        }
        Object body = in.getBody();
        String payload = payload(body);
        // A library's message can quote the value it refused: stored only as the log would write it.
        String reason = oneLine(cause == null ? "unknown failure" : cause instanceof PermanentFailure p ? p.reason()
                : cause.getClass().getSimpleName() + ": " + LogRedaction.exception(cause.getMessage()), 500);
        String exception = cause == null ? null : oneLine(cause.getClass().getName() + ": "
                + LogRedaction.exception(cause.getMessage()), 1000);
        Integer redeliveries = in.getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        if (redeliveries == null) {
            redeliveries = exchange.getProperty(BridgeErrors.REDELIVERIES, Integer.class);
        }
        Long runId = in.getHeader(BridgeHeaders.RUN_ID, Long.class);
        Long blockedBy = cause instanceof WaitsBehind w ? Long.valueOf(w.blockedBy()) : in.getHeader(BLOCKED_BY, Long.class);
        Long outboxId = in.getHeader(OUTBOX_ID, Long.class);
        String replayUri = first(in.getHeader(BridgeHeaders.REPLAY_URI, String.class),
                exchange.getFromEndpoint() == null ? null : exchange.getFromEndpoint().getEndpointUri());
        long deadId = store.record(new DeadLetterStore.Entry(flow, in.getHeader(BridgeHeaders.RESOURCE, String.class), id,
                in.getHeader(BridgeHeaders.ORDER_KEY, String.class), reason, exception,
                1 + (redeliveries == null ? 0 : redeliveries), payload, body == null ? null : body.getClass().getName(),
                replayUri, outboxId, runId, blockedBy), () -> {
                    // In the dead letter's own transaction: the failed record's is rolled back.
                    if (runId != null && runId > 0) {
                        runs.ifAvailable(r -> r.add(runId, JobRuns.Counter.DEAD_LETTERED, 1));
                    }
                });
        // Ids, flow and reason only: the payload stays in the database.
        LOG.warn("Dead letter {} in {}{}: {}", deadId, flow, blockedBy == null ? "" : " (waiting)", reason);
    }

    /** The body as JSON (or text); a body that cannot be written still leaves a dead letter, without payload. */
    static String payload(Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return Json.write(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The first line of a message, cut to a length a list can show. */
    static String oneLine(String text, int max) {
        String line = text == null ? "" : text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
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
