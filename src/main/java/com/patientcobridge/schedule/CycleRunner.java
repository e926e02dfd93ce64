package com.patientcobridge.schedule;

import com.patientcobridge.patientco.SyncSource;
import com.patientcobridge.patientco.http.PatientcoAuthException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A full cycle: every job once, in order, then a wait until the EHR has acknowledged (or the
 * bridge has dead-lettered) what the cycle produced. Used at start-up and by {@code --bridge.once=true}.
 */
public class CycleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CycleRunner.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private final Jobs jobs;
    private final JobRuns runs;
    private final JdbcTemplate jdbc;

    public CycleRunner(Jobs jobs, JobRuns runs, JdbcTemplate jdbc) {
        this.jobs = jobs;
        this.runs = runs;
        this.jdbc = jdbc;
    }

    /** Thrown when the EHR did not acknowledge the cycle's messages in time (down, or refusing connections). */
    public static final class EhrUnreachable extends RuntimeException {
        EhrUnreachable(String message) {
            super(message);
        }
    }

    /**
     * What a cycle did: each job's run, ended and counted, and the jobs that could not finish, with
     * why (a job that failed before its run could even be recorded is named here all the same).
     */
    public record Cycle(List<JobRun> runs, Map<String, String> failed) {

        /** The jobs that did not finish: those that threw, and those whose run ended {@code failed}. */
        public Set<String> failedJobs() {
            Set<String> jobs = new TreeSet<>(failed.keySet());
            runs.stream().filter(r -> "failed".equals(r.outcome())).forEach(r -> jobs.add(r.job()));
            return jobs;
        }
    }

    /** Runs the cycle; returns the runs (one per job), ended and counted. */
    public List<JobRun> runCycle(String trigger, Duration drainTimeout) {
        return cycle(trigger, drainTimeout).runs();
    }

    /** Runs every job once, in order, then waits for the EHR to acknowledge what they produced. */
    public Cycle cycle(String trigger, Duration drainTimeout) {
        List<Long> ids = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        Instant started = Instant.now();
        for (SyncSource job : jobs.all()) {
            try {
                SyncSource.RunResult r = job.runNow(trigger, null);
                if (r.runId() > 0) {
                    ids.add(r.runId());
                }
            } catch (PatientcoAuthException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.error("Job {} failed: {}", job.job(), e.getMessage());
                failed.put(job.job(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                runOf(job.job(), started).ifPresent(ids::add);
            }
        }
        if (!waitForDelivery(ids, drainTimeout)) {
            throw new EhrUnreachable("the EHR did not acknowledge this cycle's messages within " + drainTimeout
                    + " (they stay in the outbox and are sent when it is back)");
        }
        List<JobRun> result = new ArrayList<>();
        for (long id : ids) {
            result.add(runs.get(id));
        }
        return new Cycle(result, failed);
    }

    /** The run a job recorded in this cycle before it failed, if it got that far. */
    private java.util.Optional<Long> runOf(String job, Instant cycleStarted) {
        try {
            return runs.recent(job, 1).stream().filter(r -> !r.startedAt().isBefore(cycleStarted.minusSeconds(1)))
                    .map(JobRun::id).findFirst();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Waits until no message of these runs is still waiting to be sent or acknowledged, and no 835
     * or statement PDF is waiting to be written. It asks
     * twice a second whether one is (one entry of the index of unsent rows), and counts them for
     * the log every {@link #REPORT_EVERY}: a count twice a second was 11% of the statement time
     * pg_stat_statements measured in a 100,000-payment benchmark.
     */
    public boolean waitForDelivery(List<Long> runIds, Duration timeout) {
        if (runIds.isEmpty()) {
            return true;
        }
        Instant deadline = Instant.now().plus(timeout);
        Instant report = Instant.now().plus(REPORT_EVERY);
        String ids = runIds.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("0");
        String open = "FROM bridge.outbox WHERE run_id IN (" + ids + ") AND status IN ('pending', 'sent')";
        while (Instant.now().isBefore(deadline)) {
            // The 835s and statement PDFs of the cycle are written by routes of their own; a once-run waits for them too.
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 " + open + ") OR EXISTS (SELECT 1 "
                    + "FROM bridge.remittance WHERE status = 'pending') OR EXISTS (SELECT 1 FROM bridge.statement_pdf "
                    + "WHERE status = 'pending')", Boolean.class))) {
                return true;
            }
            if (Instant.now().isAfter(report)) {
                report = Instant.now().plus(REPORT_EVERY);
                LOG.info("Waiting: {} message(s) of this cycle not yet acknowledged by the EHR, {} 835(s) and {} "
                        + "statement PDF(s) not yet written", jdbc.queryForObject("SELECT count(*) " + open, Integer.class),
                        jdbc.queryForObject("SELECT count(*) FROM bridge.remittance WHERE status = 'pending'",
                                Integer.class),
                        jdbc.queryForObject("SELECT count(*) FROM bridge.statement_pdf WHERE status = 'pending'",
                                Integer.class));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
