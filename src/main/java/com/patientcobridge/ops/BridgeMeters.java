package com.patientcobridge.ops;

import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.schedule.Jobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bridge's own meters, for Prometheus at /actuator/prometheus: dead letters waiting for a
 * person, outbox rows not yet acknowledged, each job's run durations and the age of its last good
 * run (an alert rule on that age catches a job that silently stopped). The HL7 sent, acknowledged
 * and rejected counters per flow are kept by the dispatcher; Camel's route metrics by its policy.
 */
final class BridgeMeters implements MeterBinder {

    private final JdbcTemplate jdbc;
    private final JobRuns runs;
    private final Clock clock;

    BridgeMeters(JdbcTemplate jdbc, JobRuns runs, Clock clock) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("bridge.dead_letters.open", () -> count("SELECT count(*) FROM bridge.dead_letter "
                + "WHERE status IN ('open', 'waiting')")).description("Dead letters waiting for a person")
                .register(registry);
        Gauge.builder("bridge.outbox.unacknowledged", () -> count("SELECT count(*) FROM bridge.outbox "
                + "WHERE status IN ('pending', 'sent')")).description("HL7 messages not yet acknowledged by the EHR")
                .register(registry);
        Gauge.builder("bridge.outbox.needs_linkage", () -> count("SELECT count(*) FROM bridge.outbox "
                + "WHERE status = 'needs_linkage'")).description("HL7 messages waiting for the EHR's MRN")
                .register(registry);
        for (String job : Jobs.ORDER) {
            Gauge.builder("bridge.job.last_good_age", () -> lastGoodAge(job)).tag("job", job).baseUnit("seconds")
                    .description("Seconds since the job last ended well (NaN: never)").register(registry);
        }
        runs.onFinish(f -> Timer.builder("bridge.job.duration").tag("job", f.job()).tag("outcome", f.outcome())
                .description("Run durations").register(registry).record(f.took()));
    }

    private double lastGoodAge(String job) {
        Instant last = runs.lastGood(job);
        return last == null ? Double.NaN : (clock.millis() - last.toEpochMilli()) / 1000.0;
    }

    private double count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
