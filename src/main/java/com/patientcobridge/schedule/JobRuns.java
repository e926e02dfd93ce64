package com.patientcobridge.schedule;

import com.patientcobridge.patientco.RunLog;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Run history in {@code bridge.job_run}: every job run on every node, with its counts and
 * outcome. Counters are added as the run goes, so a run that dies still shows how far it got.
 */
@Component
public class JobRuns implements RunLog {

    /** The counters a run keeps; each is a column of bridge.job_run. */
    public enum Counter { FETCHED, SENT, ACKED, STAGED, DEAD_LETTERED }

    private final JdbcTemplate jdbc;
    private final String node;
    private final List<Consumer<Finished>> listeners = new CopyOnWriteArrayList<>();

    public JobRuns(JdbcTemplate jdbc, @Value("${bridge.node:local}") String node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    /** Starts a run and returns its id. */
    @Override
    public long start(String job, String trigger) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement(
                    "INSERT INTO bridge.job_run (job, node, trigger) VALUES (?, ?, ?)", new String[] {"id"});
            ps.setString(1, job);
            ps.setString(2, node);
            ps.setString(3, trigger);
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    /**
     * Closes the job's runs still marked running: called by a run holding the job's cluster-wide
     * lock, so they belong to a node that died. Returns how many there were.
     */
    @Override
    public int closeInterrupted(String job) {
        return jdbc.update("UPDATE bridge.job_run SET ended_at = now(), outcome = 'interrupted', "
                + "error = 'node ' || node || ' stopped during the run; the next run took over' "
                + "WHERE job = ? AND ended_at IS NULL", job);
    }

    public void add(long runId, Counter counter, int n) {
        if (n != 0) {
            jdbc.update("UPDATE bridge.job_run SET " + counter.name().toLowerCase() + " = "
                    + counter.name().toLowerCase() + " + ? WHERE id = ?", n, runId);
        }
    }

    /** Adds to several counters of a run in one statement (a page's counts, in the page's transaction). */
    public void add(long runId, java.util.Map<Counter, Integer> counts) {
        StringBuilder set = new StringBuilder();
        java.util.List<Object> args = new java.util.ArrayList<>();
        for (Counter c : Counter.values()) {
            Integer n = counts.get(c);
            if (n != null && n != 0) {
                String column = c.name().toLowerCase();
                set.append(set.length() == 0 ? "" : ", ").append(column).append(" = ").append(column).append(" + ?");
                args.add(n);
            }
        }
        if (set.length() > 0) {
            args.add(runId);
            jdbc.update("UPDATE bridge.job_run SET " + set + " WHERE id = ?", args.toArray());
        }
    }

    /** Ends a run: ok, partial (some records dead-lettered) or failed, with a one-line error. */
    @Override
    public void finish(long runId, String outcome, String error) {
        List<Finished> ended = jdbc.query("UPDATE bridge.job_run SET ended_at = now(), outcome = ?, error = ? "
                + "WHERE id = ? RETURNING job, node, extract(epoch FROM ended_at - started_at) AS seconds",
                (rs, i) -> new Finished(rs.getString("job"), rs.getString("node"), outcome,
                        Duration.ofMillis(Math.round(rs.getDouble("seconds") * 1000)), error), outcome, error, runId);
        ended.forEach(f -> listeners.forEach(l -> l.accept(f)));
    }

    /** A run that ended, as listeners (metrics, alerts) hear of it. */
    public record Finished(String job, String node, String outcome, Duration took, String error) {
    }

    public void onFinish(Consumer<Finished> listener) {
        listeners.add(listener);
    }

    @Override
    public void counted(long runId, int fetched, int staged, int deadLettered) {
        add(runId, java.util.Map.of(Counter.FETCHED, fetched, Counter.STAGED, staged, Counter.DEAD_LETTERED, deadLettered));
    }

    @Override
    public int deadLettered(long runId) {
        return get(runId).deadLettered();
    }

    public JobRun get(long runId) {
        return jdbc.queryForObject(SELECT + " WHERE id = ?", JobRun.MAPPER, runId);
    }

    /** The most recent runs, newest first, optionally of one job. */
    public List<JobRun> recent(String job, int limit) {
        if (job == null) {
            return jdbc.query(SELECT + " ORDER BY started_at DESC, id DESC LIMIT ?", JobRun.MAPPER, limit);
        }
        return jdbc.query(SELECT + " WHERE job = ? ORDER BY started_at DESC, id DESC LIMIT ?", JobRun.MAPPER, job,
                limit);
    }

    /** When the job last ended well, or null. */
    public Instant lastGood(String job) {
        Timestamp at = jdbc.queryForObject(
                "SELECT max(ended_at) FROM bridge.job_run WHERE job = ? AND outcome = 'ok'", Timestamp.class, job);
        return at == null ? null : at.toInstant();
    }

    private static final String SELECT = "SELECT id, job, node, trigger, started_at, ended_at, fetched, sent, acked, "
            + "staged, dead_lettered, outcome, error FROM bridge.job_run";
}
