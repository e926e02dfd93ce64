package com.patientcobridge.schedule;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/** One run of a job, as kept in bridge.job_run. */
public record JobRun(long id, String job, String node, String trigger, Instant startedAt, Instant endedAt,
        int fetched, int sent, int acked, int staged, int deadLettered, String outcome, String error) {

    static final RowMapper<JobRun> MAPPER = (rs, i) -> new JobRun(rs.getLong("id"), rs.getString("job"),
            rs.getString("node"), rs.getString("trigger"), instant(rs.getTimestamp("started_at")),
            instant(rs.getTimestamp("ended_at")), rs.getInt("fetched"), rs.getInt("sent"), rs.getInt("acked"),
            rs.getInt("staged"), rs.getInt("dead_lettered"), rs.getString("outcome"), rs.getString("error"));

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** How long the run took, or has taken so far. */
    public Duration duration() {
        return Duration.between(startedAt, endedAt == null ? Instant.now() : endedAt);
    }
}
