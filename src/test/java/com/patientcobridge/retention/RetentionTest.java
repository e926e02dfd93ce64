package com.patientcobridge.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention by age: bodies go at their age and the metadata stays; older metadata, closed dead
 * letters, runs, webhook ids and audit entries go at theirs; what waits or is referenced stays; the
 * audit log refuses every other edit; what was removed is in the run history and the metric.
 */
class RetentionTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    TestDatabase db;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @TempDir Path folder;

    @BeforeEach
    void database() throws Exception {
        db = TestDatabase.create();
    }

    private long message(int daysAgo, String status) {
        Instant at = NOW.minus(daysAgo, ChronoUnit.DAYS);
        long id = db.jdbc.queryForObject("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, "
                + "msh10, event_json, hl7, status, created_at, acked_at) VALUES (?, 'payments', 'DFT^P03', 'gua_1', 0, ?, "
                + "'{\"account\":{\"facilityId\":\"fac_1\"}}', ?, ?, ?, ?) RETURNING id", Long.class, "k" + daysAgo + status,
                "PCB" + daysAgo + status, status.equals("acked") ? null : "MSH|x", status, ts(at), ts(at));
        if (status.equals("acked")) {
            db.jdbc.update("INSERT INTO bridge.message_store (outbox_id, direction, msh10, message_type, body, ack_body, "
                    + "ack_code, created_at) VALUES (?, 'out', ?, 'DFT^P03', 'MSH|PID|DOE^JANE', 'MSH|MSA|AA', 'AA', ?)",
                    id, "PCB" + daysAgo + status, ts(at));
        }
        return id;
    }

    private static java.sql.Timestamp ts(Instant i) {
        return java.sql.Timestamp.from(i);
    }

    private Retention retention(int batch) {
        RetentionPolicy policy = new RetentionPolicy(Period.ofDays(30), Period.ofDays(400), Period.ofDays(90), null,
                Period.ofDays(90), null, Period.ofDays(400), Period.ofYears(6), batch,
                List.of(new RetentionPolicy.Folder(folder.toString(), Period.ofDays(30))));
        return new Retention(db.jdbc, db.tx, new JobRuns(db.jdbc, "test"), policy, Clock.fixed(NOW, ZoneOffset.UTC),
                meters);
    }

    @Test
    void eachKindGoesAtItsAgeInBatchesAndTheRunSaysWhatWent() throws Exception {
        long fresh = message(1, "acked");
        long bodyOld = message(45, "acked");
        long ancient = message(500, "acked");
        long ancientDead = message(501, "dead");
        db.jdbc.update("INSERT INTO bridge.dead_letter (flow, reason, outbox_id, status) VALUES ('outbox', 'AR', ?, "
                + "'open')", ancientDead);
        db.jdbc.update("INSERT INTO bridge.dead_letter (flow, reason, payload, status, last_seen) VALUES ('payments', "
                + "'bad', 'PHI', 'resolved', ?)", ts(NOW.minus(120, ChronoUnit.DAYS)));
        db.jdbc.update("INSERT INTO bridge.audit (actor, action, at) VALUES ('olivia', 'login', ?), ('olivia', 'login', ?)",
                ts(NOW.minus(7 * 365, ChronoUnit.DAYS)), ts(NOW.minus(1, ChronoUnit.DAYS)));
        db.jdbc.update("INSERT INTO bridge.camel_messageprocessed (processorname, messageid, createdat) VALUES "
                + "('webhooks', 'evt_old', ?), ('webhooks', 'evt_new', ?)", ts(NOW.minus(100, ChronoUnit.DAYS)),
                ts(NOW.minus(1, ChronoUnit.DAYS)));
        Path oldFile = Files.writeString(folder.resolve("old.hl7"), "MSH|DOE^JANE");
        Files.setLastModifiedTime(oldFile, FileTime.from(NOW.minus(40, ChronoUnit.DAYS)));
        Path newFile = Files.writeString(folder.resolve("new.hl7"), "MSH|DOE^JOHN");
        Files.setLastModifiedTime(newFile, FileTime.from(NOW.minus(2, ChronoUnit.DAYS)));

        Map<String, Long> removed = retention(1).run("manual");

        assertThat(body(fresh)).isEqualTo("MSH|PID|DOE^JANE");
        assertThat(body(bodyOld)).isNull();
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE id = ? AND hl7 IS NULL AND "
                + "event_json::text = '{}' AND body_pruned_at IS NOT NULL", Integer.class, bodyOld)).isEqualTo(1);
        assertThat(count("bridge.outbox WHERE id = " + ancient)).isZero();
        // A dead message, still open as a dead letter, waits for its person however old it is.
        assertThat(count("bridge.outbox WHERE id = " + ancientDead)).isEqualTo(1);
        assertThat(count("bridge.dead_letter WHERE status = 'resolved'")).isZero();
        assertThat(count("bridge.audit")).isEqualTo(1);
        assertThat(count("bridge.camel_messageprocessed")).isEqualTo(1);
        assertThat(oldFile).doesNotExist();
        assertThat(newFile).exists();
        assertThat(removed).containsEntry("message bodies (store)", 2L).containsEntry("messages (outbox)", 1L)
                .containsEntry("audit", 1L).containsEntry("files in " + folder, 1L);
        assertThat(db.jdbc.queryForObject("SELECT detail FROM bridge.job_run WHERE job = 'retention'", String.class))
                .contains("message bodies (store) 2").contains("audit 1");
        assertThat(meters.counter("bridge.retention.removed", "what", "audit").count()).isEqualTo(1.0);
        // A second run finds nothing more.
        assertThat(retention(1000).run("manual").values()).allMatch(n -> n == 0);
    }

    @Test
    void theAuditLogCannotBeEditedOrEmptiedButByRetention() {
        db.jdbc.update("INSERT INTO bridge.audit (actor, action) VALUES ('olivia', 'resend')");
        assertThatThrownBy(() -> db.jdbc.update("UPDATE bridge.audit SET actor = 'mallory'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbc.update("DELETE FROM bridge.audit")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbc.execute("TRUNCATE bridge.audit")).hasMessageContaining("append-only");
        assertThat(count("bridge.audit WHERE actor = 'olivia'")).isEqualTo(1);
    }

    private String body(long outboxId) {
        return db.jdbc.queryForObject("SELECT body FROM bridge.message_store WHERE outbox_id = ?", String.class,
                outboxId);
    }

    private int count(String from) {
        return db.jdbc.queryForObject("SELECT count(*) FROM " + from, Integer.class);
    }
}
