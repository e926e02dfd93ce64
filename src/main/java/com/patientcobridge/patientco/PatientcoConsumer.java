package com.patientcobridge.patientco;

import com.patientcobridge.patientco.client.PatientcoAuthException;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.model.PatientcoRecord;
import com.patientcobridge.patientco.model.Resource;
import com.patientcobridge.schedule.JobLock;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.schedule.SyncSource;
import com.patientcobridge.system.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Patientco resource incrementally: from the watermark less the overlap window, page by
 * page (each page one batch, so memory does not grow with the data), one exchange per new or
 * changed record. The watermark moves only past records whose exchanges completed.
 */
public class PatientcoConsumer extends ScheduledBatchPollingConsumer implements SyncSource {

    private static final Logger LOG = LoggerFactory.getLogger(PatientcoConsumer.class);
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean rerun = new AtomicBoolean();
    private ProducerTemplate deadLetters;
    private ExecutorService pool;

    public PatientcoConsumer(PatientcoEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public PatientcoEndpoint getEndpoint() {
        return (PatientcoEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        deadLetters = getEndpoint().getCamelContext().createProducerTemplate();
        if (getEndpoint().getConfiguration().getWorkers() > 1) {
            pool = getEndpoint().getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                    "patientco-" + job(), getEndpoint().getConfiguration().getWorkers());
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (deadLetters != null) {
            deadLetters.stop();
        }
        if (pool != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(pool);
            pool = null;
        }
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
            DataSource database = getEndpoint().getCamelContext().getRegistry().findSingleByType(DataSource.class);
            if (database == null) {
                return runWithReruns(trigger, backfillFrom);
            }
            Optional<JobLock> lock = JobLock.tryTake(database, job());
            if (lock.isEmpty()) {
                LOG.info("{} is running on another node; this {} run is skipped", job(), trigger);
                return new RunResult(-1, 0, 0, true);
            }
            try (JobLock held = lock.get()) {
                JobRuns runs = getEndpoint().getCamelContext().getRegistry().findSingleByType(JobRuns.class);
                if (runs != null && runs.closeInterrupted(job()) > 0) {
                    LOG.warn("{}: a run left unfinished by a stopped node was closed as interrupted", job());
                }
                return runWithReruns(trigger, backfillFrom);
            }
        } finally {
            running.unlock();
        }
    }

    private RunResult runWithReruns(String trigger, Instant backfillFrom) {
        RunResult result = runOnce(trigger, backfillFrom);
        while (rerun.getAndSet(false) && isRunAllowed()) {
            runOnce("webhook", null);
        }
        return result;
    }

    private RunResult runOnce(String trigger, Instant backfillFrom) {
        JobRuns runs = getEndpoint().getCamelContext().getRegistry().findSingleByType(JobRuns.class);
        long runId = runs == null ? -1 : runs.start(job(), backfillFrom == null ? trigger : "backfill");
        PatientcoEndpoint endpoint = getEndpoint();
        PageReader read = new PageReader(this, runId, runs);
        Progress progress = new Progress(LOG, job(), -1);
        try {
            readPages(read, filters(backfillFrom), progress);
            finish(runs, runId, read, read.deadLettered() > 0 ? "partial" : "ok", null);
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
        return new RunResult(runId, read.fetched(), read.deadLettered(), false);
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
            PatientcoClient.Page page = client.page(endpoint.getResource(), filters, cursor,
                    endpoint.getConfiguration().getPageSize());
            read.page(page.records());
            progress.step(page.records().size());
            cursor = page.nextCursor();
        } while (cursor != null && isRunAllowed());
    }

    private void finish(JobRuns runs, long runId, PageReader read, String outcome, String error) {
        if (runs != null && runId > 0) {
            runs.finish(runId, outcome, error == null ? null : error.lines().findFirst().orElse(error));
        }
        LOG.info("{} run {}: {} fetched, {} unchanged, {} dead-lettered, outcome {}", job(), runId, read.fetched(),
                read.unchanged(), read.deadLettered(), outcome);
    }

    /** Sends a malformed record's raw JSON to the dead-letter endpoint. */
    void deadLetter(Exchange dead) {
        deadLetters.send(getEndpoint().getConfiguration().getDeadLetterUri(), dead);
    }

    /**
     * Processes one page's exchanges, in order, or with {@code workers} threads: records of one
     * {@link PatientcoRecord#serialKey()} stay on one thread, in page order. Returns how many came
     * before the first that failed (records after it may be done too; they are read again, and
     * their flows post nothing twice).
     */
    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        List<Exchange> page = new ArrayList<>(exchanges.size());
        while (!exchanges.isEmpty()) {
            Exchange exchange = (Exchange) exchanges.poll();
            exchange.setProperty(Exchange.BATCH_INDEX, page.size());
            page.add(exchange);
        }
        for (Exchange exchange : page) {
            exchange.setProperty(Exchange.BATCH_SIZE, page.size());
            exchange.setProperty(Exchange.BATCH_COMPLETE, exchange == page.get(page.size() - 1));
        }
        int workers = pool == null ? 1 : Math.min(getEndpoint().getConfiguration().getWorkers(), page.size());
        if (workers <= 1) {
            return inOrder(page, java.util.stream.IntStream.range(0, page.size()).boxed().toList());
        }
        List<List<Integer>> shares = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < page.size(); i++) {
            Object body = page.get(i).getIn().getBody();
            String key = body instanceof PatientcoRecord r ? r.serialKey() : String.valueOf(i);
            shares.get(Math.floorMod(java.util.Objects.hashCode(key), workers)).add(i);
        }
        List<Future<Integer>> running = new ArrayList<>();
        for (List<Integer> share : shares) {
            if (!share.isEmpty()) {
                running.add(pool.submit(() -> inOrder(page, share)));
            }
        }
        int firstFailed = page.size();
        for (Future<Integer> share : running) {
            firstFailed = Math.min(firstFailed, share.get());
        }
        return firstFailed;
    }

    /** Processes these exchanges of the page in order; returns the index of the first that failed, or the page size. */
    private int inOrder(List<Exchange> page, List<Integer> indexes) {
        for (int index : indexes) {
            Exchange exchange = page.get(index);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                // The id and the exception type only: the message of a failed flow can carry PHI.
                LOG.warn("{} record {} failed in the route ({}); the watermark stays before it", job(),
                        exchange.getIn().getHeader(com.patientcobridge.system.BridgeHeaders.PATIENTCO_ID),
                        exchange.getException().getClass().getSimpleName());
                return index;
            }
        }
        return page.size();
    }

    Exchange newExchange() {
        return getEndpoint().createExchange();
    }

    String routeId() {
        return getRouteId();
    }
}
