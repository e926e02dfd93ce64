package com.patientcobridge.retention;

import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.system.Progress;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job: removes what is past its age ({@link RetentionPolicy}), rule by rule, in
 * batches of a few thousand rows, each batch its own short transaction, so the lanes' writes never
 * wait long behind it. What it removed goes to the run history (job {@code retention}, its
 * {@code detail}) and to the metric {@code bridge.retention.removed} (tag {@code what}).
 */
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    /** The job's name in the run history. */
    public static final String JOB = "retention";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JobRuns runs;
    private final RetentionPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;

    public Retention(JdbcTemplate jdbc, TransactionTemplate tx, JobRuns runs, RetentionPolicy policy, Clock clock,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.runs = runs;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
    }

    /** A rule with the age it keeps, and whether its deletes may touch the append-only audit log. */
    private record Aged(RetentionRule rule, Period age, boolean audit) {
    }

    private List<Aged> rules() {
        String acked = "status = 'acked'";
        String unreferenced = acked + " AND NOT EXISTS (SELECT 1 FROM bridge.message_store m WHERE m.outbox_id = "
                + "bridge.outbox.id) AND NOT EXISTS (SELECT 1 FROM bridge.dead_letter d WHERE d.outbox_id = "
                + "bridge.outbox.id)";
        String closed = "status IN ('replayed', 'resolved', 'discarded')";
        return List.of(
                new Aged(RetentionRule.blank("message bodies (store)", "bridge.message_store", "created_at",
                        "body = NULL, ack_body = NULL", null), policy.messageBodies(), false),
                new Aged(RetentionRule.blank("message bodies (outbox)", "bridge.outbox", "acked_at",
                        "hl7 = NULL, event_json = '{}'", acked), policy.messageBodies(), false),
                new Aged(RetentionRule.delete("dead letters", "bridge.dead_letter", "id", "last_seen", closed
                        + " AND NOT EXISTS (SELECT 1 FROM bridge.dead_letter w WHERE w.blocked_by = "
                        + "bridge.dead_letter.id)"), policy.deadLetters(), false),
                new Aged(RetentionRule.delete("messages (store)", "bridge.message_store", "id", "created_at", null),
                        policy.messages(), false),
                new Aged(RetentionRule.delete("messages (outbox)", "bridge.outbox", "id", "acked_at", unreferenced),
                        policy.messages(), false),
                new Aged(RetentionRule.delete("seen records", "bridge.seen_record", "ctid", "last_seen", null),
                        policy.seenRecords(), false),
                new Aged(RetentionRule.delete("webhook events", "bridge.camel_messageprocessed", "ctid", "createdat",
                        null), policy.webhookEvents(), false),
                new Aged(RetentionRule.delete("inbound payments", "bridge.inbound_payment", "ctid", "created_at",
                        null), policy.inboundPayments(), false),
                new Aged(RetentionRule.delete("job runs", "bridge.job_run", "id", "started_at", "ended_at IS NOT NULL"),
                        policy.jobRuns(), false),
                new Aged(RetentionRule.delete("audit", "bridge.audit", "id", "at", null), policy.audit(), true));
    }

    /** One run: every rule, then the folders; returns what each removed. */
    public Map<String, Long> run(String trigger) {
        long run = runs.start(JOB, trigger);
        Map<String, Long> removed = new LinkedHashMap<>();
        try {
            List<Aged> rules = rules();
            List<Timestamp> cutoffs = new ArrayList<>();
            long total = 0;
            for (Aged a : rules) {
                Timestamp cutoff = cutoff(a.age());
                cutoffs.add(cutoff);
                total += jdbc.queryForObject(a.rule().count(), Long.class, cutoff);
            }
            Progress progress = new Progress(LOG, JOB, total);
            try {
                for (int i = 0; i < rules.size(); i++) {
                    removed.put(rules.get(i).rule().name(), prune(rules.get(i), cutoffs.get(i), progress));
                }
            } finally {
                progress.close();
            }
            for (RetentionPolicy.Folder f : policy.folders()) {
                removed.put("files in " + f.dir(), files(Path.of(f.dir()), cutoff(f.age()).toInstant()));
            }
            removed.forEach((what, n) -> meters.counter("bridge.retention.removed", "what", what).increment(n));
            String detail = summary(removed);
            jdbc.update("UPDATE bridge.job_run SET detail = ?, staged = ? WHERE id = ?", detail,
                    (int) Math.min(Integer.MAX_VALUE, removed.values().stream().mapToLong(Long::longValue).sum()), run);
            runs.finish(run, "ok", null);
            LOG.info("Retention removed {}", detail);
            return removed;
        } catch (RuntimeException e) {
            jdbc.update("UPDATE bridge.job_run SET detail = ? WHERE id = ?", summary(removed), run);
            runs.finish(run, "failed", e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private Timestamp cutoff(Period age) {
        return Timestamp.from(clock.instant().atZone(ZoneOffset.UTC).minus(age).toInstant());
    }

    private long prune(Aged a, Timestamp cutoff, Progress progress) {
        long removed = 0;
        int n;
        do {
            n = tx.execute(status -> {
                if (a.audit()) {
                    jdbc.queryForObject("SELECT set_config('bridge.retention', 'on', true)", String.class);
                }
                return jdbc.update(a.rule().batch(), cutoff, policy.batchSize());
            });
            removed += n;
            progress.step(n);
        } while (n >= policy.batchSize());
        return removed;
    }

    private static long files(Path dir, Instant cutoff) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long[] removed = {0};
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                        Files.delete(f);
                        removed[0]++;
                    }
                } catch (IOException e) {
                    LOG.warn("Retention could not remove a file under {}: {}", dir, e.getClass().getSimpleName());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + dir, e);
        }
        return removed[0];
    }

    static String summary(Map<String, Long> removed) {
        StringBuilder b = new StringBuilder();
        removed.forEach((what, n) -> b.append(b.length() == 0 ? "" : ", ").append(what).append(' ').append(n));
        return b.length() == 0 ? "nothing" : b.toString();
    }
}
