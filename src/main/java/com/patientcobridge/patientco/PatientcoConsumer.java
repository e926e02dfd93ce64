package com.patientcobridge.patientco;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.patientco.client.MalformedRecordException;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.client.RecordValidator;
import com.patientcobridge.patientco.model.Resource;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.schedule.SyncSource;
import com.patientcobridge.system.BridgeHeaders;
import com.patientcobridge.system.Json;
import com.patientcobridge.system.Progress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Patientco resource incrementally: from the watermark less the overlap window, page
 * by page (memory does not grow with the data), one exchange per new or changed record. A
 * malformed record is set aside in the dead-letter channel and the run goes on; the watermark
 * advances only past pages whose records were all processed.
 */
public class PatientcoConsumer extends ScheduledPollConsumer implements SyncSource {

    private static final Logger LOG = LoggerFactory.getLogger(PatientcoConsumer.class);
    private final ReentrantLock running = new ReentrantLock();

    public PatientcoConsumer(PatientcoEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public PatientcoEndpoint getEndpoint() {
        return (PatientcoEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() {
        return runNow("schedule", null).fetched();
    }

    @Override
    public String job() {
        return getEndpoint().getResource().path();
    }

    @Override
    public RunResult runNow(String trigger, Instant backfillFrom) {
        if (!running.tryLock()) {
            LOG.info("{} is already running; this {} run is skipped", job(), trigger);
            return new RunResult(-1, 0, 0, true);
        }
        JobRuns runs = getEndpoint().getCamelContext().getRegistry().findSingleByType(JobRuns.class);
        long runId = runs == null ? -1 : runs.start(job(), backfillFrom == null ? trigger : "backfill");
        Read read = new Read(runId);
        try {
            read.all(backfillFrom);
            finish(runs, runId, read, read.deadLettered > 0 ? "partial" : "ok", null);
        } catch (RuntimeException e) {
            finish(runs, runId, read, "failed", e.getMessage());
            throw e;
        } finally {
            running.unlock();
        }
        return new RunResult(runId, read.fetched, read.deadLettered, false);
    }

    private void finish(JobRuns runs, long runId, Read read, String outcome, String error) {
        if (runs != null) {
            runs.add(runId, JobRuns.Counter.FETCHED, read.fetched);
            runs.finish(runId, outcome, error);
        }
        LOG.info("{} run {}: {} fetched, {} unchanged, {} dead-lettered, outcome {}", job(), runId, read.fetched,
                read.unchanged, read.deadLettered, outcome);
    }

    /** One run's reading state and counts. */
    private final class Read {
        final long runId;
        int fetched;
        int unchanged;
        int deadLettered;

        Read(long runId) {
            this.runId = runId;
        }

        void all(Instant backfillFrom) {
            PatientcoEndpoint endpoint = getEndpoint();
            Resource resource = endpoint.getResource();
            Watermarks watermarks = endpoint.getComponent().getWatermarks();
            PatientcoClient client = endpoint.getComponent().getConnection().client();
            Map<String, String> filters = new HashMap<>();
            Instant watermark = watermarks.get(resource.path());
            if (resource.incremental()) {
                Instant since = backfillFrom != null ? backfillFrom
                        : watermark == null ? Instant.EPOCH : watermark.minus(endpoint.overlapDuration());
                filters.put("updatedSince", since.toString());
            }
            if (endpoint.getFacilityId() != null) {
                filters.put("facilityId", endpoint.getFacilityId());
            }
            Progress progress = new Progress(LOG, job(), -1);
            try {
                readPages(resource, filters, progress);
            } finally {
                progress.close();
            }
        }

        void readPages(Resource resource, Map<String, String> filters, Progress progress) {
            PatientcoEndpoint endpoint = getEndpoint();
            Watermarks watermarks = endpoint.getComponent().getWatermarks();
            PatientcoClient client = endpoint.getComponent().getConnection().client();
            String cursor = null;
            do {
                PatientcoClient.Page page = client.page(resource, filters, cursor, endpoint.getPageSize());
                Instant newest = null;
                String newestId = null;
                for (JsonNode raw : page.records()) {
                    Instant updatedAt = process(resource, raw);
                    if (updatedAt != null && (newest == null || !updatedAt.isBefore(newest))) {
                        newest = updatedAt;
                        newestId = raw.path("id").asText();
                    }
                    progress.step(1);
                }
                if (newest != null && resource.incremental()) {
                    watermarks.advance(resource.path(), newest, newestId);
                }
                cursor = page.nextCursor();
            } while (cursor != null && isRunAllowed());
        }

        /** Processes one raw record; returns its updatedAt once it is safely handled. */
        Instant process(Resource resource, JsonNode raw) {
            String id = raw.path("id").asText(null);
            try {
                RecordValidator.validate(resource, raw);
            } catch (MalformedRecordException e) {
                deadLetter(resource, id, raw, e);
                return null;
            }
            Watermarks watermarks = getEndpoint().getComponent().getWatermarks();
            String hash = hash(raw);
            if (watermarks.seen(resource.path(), id, hash)) {
                unchanged++;
                return Instant.parse(raw.path("updatedAt").asText(Instant.EPOCH.toString()));
            }
            Object record = Json.MAPPER.convertValue(raw, resource.recordType());
            Exchange exchange = getEndpoint().createExchange();
            exchange.getIn().setBody(record);
            exchange.getIn().setHeader(BridgeHeaders.RESOURCE, resource.path());
            exchange.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, id);
            Instant updatedAt = raw.hasNonNull("updatedAt") ? Instant.parse(raw.get("updatedAt").asText()) : null;
            exchange.getIn().setHeader(BridgeHeaders.UPDATED_AT, updatedAt);
            if (runId > 0) {
                exchange.getIn().setHeader(BridgeHeaders.RUN_ID, runId);
            }
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                // Not handled by the flow's dead-letter channel: stop here so the watermark stays before it.
                throw new IllegalStateException(resource.path() + " record " + id + " failed: "
                        + exchange.getException().getMessage(), exchange.getException());
            }
            watermarks.markSeen(resource.path(), id, updatedAt, hash);
            fetched++;
            return updatedAt;
        }

        void deadLetter(Resource resource, String id, JsonNode raw, MalformedRecordException e) {
            deadLettered++;
            LOG.warn("{} record {} is malformed: field '{}'; set aside as a dead letter", resource.path(), id, e.field());
            Exchange dead = getEndpoint().createExchange();
            dead.getIn().setBody(raw.toString());
            dead.getIn().setHeader(BridgeHeaders.FLOW, getRouteId());
            dead.getIn().setHeader(BridgeHeaders.RESOURCE, resource.path());
            dead.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, id);
            if (runId > 0) {
                dead.getIn().setHeader(BridgeHeaders.RUN_ID, runId);
            }
            dead.setProperty(Exchange.EXCEPTION_CAUGHT, e);
            getEndpoint().getCamelContext().createProducerTemplate()
                    .send(getEndpoint().getDeadLetterUri(), dead);
        }
    }

    static String hash(JsonNode raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
