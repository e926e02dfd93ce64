package com.patientcobridge.patientco;

import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.http.PatientcoAuthException;
import com.patientcobridge.system.BridgeHeaders;
import com.patientcobridge.system.Progress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Patientco resource incrementally: from the watermark less the overlap window, page by
 * page, one exchange per page ({@link RecordPage}) so memory does not grow with the data. The route
 * writes what a page causes and marks it done in one transaction; a page that fails stops the run,
 * and the next run reads it again.
 */
public class PatientcoConsumer extends ScheduledPollConsumer implements SyncSource {

    private static final Logger LOG = LoggerFactory.getLogger(PatientcoConsumer.class);
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean rerun = new AtomicBoolean();

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
        return getEndpoint().getName();
    }

    /** Runs now, or, when a run is going on, once more right after it (a webhook must not be lost). */
    public void requestRun(String trigger) {
        if (runNow(trigger, null).alreadyRunning()) {
            rerun.set(true);
        }
    }

    @Override
    public RunResult runNow(String trigger, Instant backfillFrom) {
        if (!running.tryLock()) {
            LOG.info("{} is already running; this {} run is skipped", job(), trigger);
            return new RunResult(-1, 0, 0, true);
        }
        try {
            RunLocks locks = getEndpoint().getCamelContext().getRegistry().findSingleByType(RunLocks.class);
            if (locks == null) {
                return runWithReruns(trigger, backfillFrom);
            }
            Optional<RunLocks.Held> lock = locks.tryTake(job());
            if (lock.isEmpty()) {
                LOG.info("{} is running on another node; this {} run is skipped", job(), trigger);
                return new RunResult(-1, 0, 0, true);
            }
            try (RunLocks.Held held = lock.get()) {
                RunLog runs = runLog();
                if (runs != null && runs.closeInterrupted(job()) > 0) {
                    LOG.warn("{}: a run left unfinished by a stopped node was closed as interrupted", job());
                }
                return runWithReruns(trigger, backfillFrom);
            }
        } finally {
            running.unlock();
        }
    }

    private RunLog runLog() {
        return getEndpoint().getCamelContext().getRegistry().findSingleByType(RunLog.class);
    }

    private RunResult runWithReruns(String trigger, Instant backfillFrom) {
        RunResult result = runOnce(trigger, backfillFrom);
        while (rerun.getAndSet(false) && isRunAllowed()) {
            runOnce("webhook", null);
        }
        return result;
    }

    private RunResult runOnce(String trigger, Instant backfillFrom) {
        RunLog runs = runLog();
        long runId = runs == null ? -1 : runs.start(job(), backfillFrom == null ? trigger : "backfill");
        PatientcoEndpoint endpoint = getEndpoint();
        PageReader read = new PageReader(endpoint.getResource(), runId, runs, endpoint.getComponent().getWatermarks());
        Progress progress = new Progress(LOG, job(), -1);
        try {
            readPages(read, filters(backfillFrom), progress);
            int dead = runs == null || runId <= 0 ? read.malformed() : runs.deadLettered(runId);
            finish(runs, runId, read, dead > 0 ? "partial" : "ok", null);
            endpoint.getComponent().getHealth().up("session");
        } catch (PatientcoAuthException e) {
            endpoint.getComponent().getHealth().down("session", e.getMessage());
            finish(runs, runId, read, "failed", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            finish(runs, runId, read, "failed", e.getMessage());
            throw e;
        } finally {
            progress.close();
        }
        return new RunResult(runId, read.fetched(), read.malformed(), false);
    }

    private Map<String, String> filters(Instant backfillFrom) {
        PatientcoConfiguration config = getEndpoint().getConfiguration();
        Resource resource = getEndpoint().getResource();
        Map<String, String> filters = new LinkedHashMap<>();
        if (resource.incremental()) {
            Instant watermark = getEndpoint().getComponent().getWatermarks().get(resource.path());
            Instant since = backfillFrom != null ? backfillFrom
                    : watermark == null ? Instant.EPOCH : watermark.minus(config.overlapDuration());
            filters.put("updatedSince", since.toString());
        }
        if (config.getFacilityId() != null
                && (resource == Resource.ACCOUNTS || resource == Resource.SETTLEMENTS)) {
            filters.put("facilityId", config.getFacilityId());
        }
        return filters;
    }

    private void readPages(PageReader read, Map<String, String> filters, Progress progress) {
        PatientcoEndpoint endpoint = getEndpoint();
        PatientcoClient client = endpoint.connection().client();
        String cursor = null;
        do {
            PatientcoClient.Page fetched = client.page(endpoint.getResource(), filters, cursor,
                    endpoint.getConfiguration().getPageSize());
            RecordPage page = read.page(fetched.records());
            process(page);
            progress.step(fetched.records().size());
            cursor = fetched.nextCursor();
        } while (cursor != null && isRunAllowed());
    }

    /** Hands one page to the route; a page that fails stops the run before its watermark moved. */
    private void process(RecordPage page) {
        Exchange exchange = getEndpoint().createExchange();
        exchange.getIn().setBody(page);
        exchange.getIn().setHeader(BridgeHeaders.RESOURCE, page.resource());
        if (page.runId() != null) {
            exchange.getIn().setHeader(BridgeHeaders.RUN_ID, page.runId());
        }
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failed = exchange.getException();
        if (failed != null) {
            // The exception type only here: the message of a failed flow can carry PHI.
            LOG.warn("{}: a page of {} records failed in the route ({}); the run stops, the page is read again next run",
                    job(), page.items().size() + page.malformed().size(), failed.getClass().getSimpleName());
            throw new PageFailed(job(), failed);
        }
    }

    private void finish(RunLog runs, long runId, PageReader read, String outcome, String error) {
        if (runs != null && runId > 0) {
            try {
                runs.finish(runId, outcome, error == null ? null : error.lines().findFirst().orElse(error));
            } catch (RuntimeException e) {
                LOG.warn("{} run {}: its outcome ({}) could not be recorded: {}", job(), runId, outcome,
                        e.getClass().getSimpleName());
            }
        }
        LOG.info("{} run {}: {} read, {} unchanged, {} malformed, outcome {}", job(), runId, read.fetched(),
                read.unchanged(), read.malformed(), outcome);
    }

    /** A page the route could not finish; the cause's type names the kind of failure. */
    static final class PageFailed extends RuntimeException {
        PageFailed(String job, Exception cause) {
            super(job + ": a page failed (" + cause.getClass().getSimpleName() + "); the watermark stays before it",
                    cause);
        }
    }
}
