package com.patientcobridge.ops;

import com.patientcobridge.deadletter.DeadLetterActions.DeadLetterFilter;
import com.patientcobridge.deadletter.DeadLetterService;
import com.patientcobridge.ops.audit.AuditLog;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.schedule.Jobs;
import com.patientcobridge.settlement.Reconciliation;
import com.patientcobridge.system.Progress;
import java.security.Principal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations API under {@code /ops/api}: runs and jobs, manual runs and backfills, dead
 * letters (list, replay, resolve, discard), reconciliation, the outbox by status.
 */
@RestController
@RequestMapping("/ops/api")
class OpsController {

    private final JdbcTemplate jdbc;
    private final JobRuns runs;
    private final Jobs jobs;
    private final JobSchedules schedules;
    private final DeadLetterService deadLetters;
    private final Reconciliation reconciliation;
    private final ProducerTemplate camel;
    private final AuditLog audit;
    private final ExecutorService manual = Executors.newSingleThreadExecutor(r -> new Thread(r, "manual-run"));

    OpsController(JdbcTemplate jdbc, JobRuns runs, Jobs jobs, JobSchedules schedules, DeadLetterService deadLetters,
            Reconciliation reconciliation, ProducerTemplate camel, AuditLog audit) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.jobs = jobs;
        this.schedules = schedules;
        this.deadLetters = deadLetters;
        this.reconciliation = reconciliation;
        this.camel = camel;
        this.audit = audit;
    }

    @GetMapping("/runs")
    Object runs(@RequestParam(required = false) String job, @RequestParam(defaultValue = "50") int limit) {
        return runs.recent(job, limit(limit));
    }

    /** A page size: 1 to 500. */
    static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("'limit' must be between 1 and 500");
        }
        return limit;
    }

    @GetMapping("/jobs")
    List<Map<String, Object>> jobs() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String job : Jobs.ORDER) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("job", job);
            j.put("cron", schedules.cron(job));
            j.put("nextFireTime", schedules.nextFire(job));
            List<com.patientcobridge.schedule.JobRun> last = runs.recent(job, 1);
            j.put("lastRun", last.isEmpty() ? null : last.get(0));
            j.put("lastGoodRun", runs.lastGood(job));
            Progress p = Progress.RUNNING.get(job);
            j.put("progress", p == null ? null : Map.of("done", p.done(), "ratePerSecond", Math.round(p.rate()),
                    "secondsLeft", p.secondsLeft()));
            list.add(j);
        }
        return list;
    }

    /** Every long piece of work running on this node: records done, rate, time left. */
    @GetMapping("/progress")
    List<Map<String, Object>> progress() {
        List<Map<String, Object>> list = new ArrayList<>();
        Progress.RUNNING.forEach((what, p) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", what);
            m.put("done", p.done());
            m.put("total", p.total());
            m.put("ratePerSecond", Math.round(p.rate()));
            m.put("secondsLeft", p.secondsLeft());
            list.add(m);
        });
        list.sort(java.util.Comparator.comparing(m -> (String) m.get("what")));
        return list;
    }

    @PostMapping("/jobs/{job}/run")
    ResponseEntity<Map<String, Object>> run(@PathVariable String job,
            @RequestParam(required = false) String backfillFrom, Principal who) {
        if (jobs.find(job).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "No job named " + job));
        }
        var from = backfillFrom == null ? null : LocalDate.parse(backfillFrom).atStartOfDay().toInstant(ZoneOffset.UTC);
        audit.record(AuditLog.Entry.of(who.getName(), from == null ? "run" : "backfill", "job:" + job, backfillFrom,
                null));
        manual.submit(() -> jobs.run(job, "manual", from));
        return ResponseEntity.accepted().body(Map.of("job", job, "started", true));
    }

    /**
     * Dead letters by status ({@code open}, {@code waiting}, or several: {@code open,waiting}), each
     * with what it waits behind ({@code blocked_by}) and how many wait behind it ({@code holding}).
     */
    @GetMapping("/dead-letters")
    List<Map<String, Object>> deadLetters(@RequestParam(defaultValue = "open") String status,
            @RequestParam(required = false) String flow, @RequestParam(required = false) String patientcoId) {
        for (String s : status.split(",")) {
            if (!STATUSES.contains(s.strip())) {
                throw new IllegalArgumentException("status must be one or more of " + STATUSES + ", was " + s.strip());
            }
        }
        return jdbc.queryForList("SELECT d.id, d.flow, d.resource, d.patientco_id, d.reason, d.exception, d.attempts, "
                + "d.status, d.note, d.blocked_by, d.outbox_id, d.first_seen, d.last_seen, (SELECT count(*) FROM "
                + "bridge.dead_letter w WHERE w.blocked_by = d.id AND w.status = 'waiting') AS holding "
                + "FROM bridge.dead_letter d WHERE d.status = ANY (string_to_array(replace(?, ' ', ''), ',')) "
                + "AND (CAST(? AS text) IS NULL OR d.flow = ?) AND (CAST(? AS text) IS NULL OR d.patientco_id = ?) "
                + "ORDER BY d.id DESC LIMIT 500", status, flow, flow, patientcoId, patientcoId);
    }

    private static final List<String> STATUSES = List.of("open", "waiting", "replayed", "resolved", "discarded");

    @PostMapping("/dead-letters/{id}/replay")
    Map<String, Object> replay(@PathVariable long id, Principal who) {
        known(id);
        return Map.of("id", id, "replayed", deadLetters.replay(id, who.getName()));
    }

    private void known(long deadLetterId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM bridge.dead_letter WHERE id = ?", Integer.class,
                deadLetterId);
        if (n == null || n == 0) {
            throw new OpsApiErrors.NotFound("no dead letter " + deadLetterId);
        }
    }

    @PostMapping("/dead-letters/replay")
    Map<String, Object> replayMatching(@RequestParam(required = false) String flow,
            @RequestParam(required = false) String reason, Principal who) {
        return Map.of("replayed", deadLetters.replayMatching(new DeadLetterFilter(flow, null, null, reason),
                who.getName()));
    }

    @PostMapping("/dead-letters/{id}/resolve")
    Map<String, Object> resolve(@PathVariable long id, @RequestParam String note, Principal who) {
        known(id);
        deadLetters.resolve(id, note, who.getName());
        return Map.of("id", id, "status", "resolved");
    }

    @PostMapping("/dead-letters/{id}/discard")
    Map<String, Object> discard(@PathVariable long id, @RequestParam String note, Principal who) {
        known(id);
        deadLetters.discard(id, note, who.getName());
        return Map.of("id", id, "status", "discarded");
    }

    @GetMapping("/reconciliation")
    List<Map<String, Object>> reconciliation(@RequestParam(required = false) String depositDate,
            @RequestParam(required = false) String batchId) {
        if (batchId == null && depositDate == null) {
            throw new IllegalArgumentException("give 'depositDate' (YYYY-MM-DD) or 'batchId'");
        }
        return batchId != null ? reconciliation.byBatch(batchId)
                : reconciliation.byDepositDate(LocalDate.parse(depositDate));
    }

    @GetMapping("/reconciliation/daily")
    List<Map<String, Object>> daily(@RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("'days' must be between 1 and 366");
        }
        return reconciliation.dailySummary(days);
    }

    @GetMapping("/reconciliation/unsettled")
    List<Map<String, Object>> unsettled() {
        return reconciliation.postedNotSettled(LocalDate.now());
    }

    @PostMapping("/reconciliation/export")
    Map<String, Object> export(@RequestParam String depositDate) {
        LocalDate.parse(depositDate);
        camel.sendBodyAndHeader("direct:reconciliation-export", null, "DepositDate", depositDate);
        return Map.of("file", "reconciliation-" + depositDate + ".csv");
    }

    @GetMapping("/outbox")
    List<Map<String, Object>> outbox() {
        return jdbc.queryForList("SELECT status, count(*) AS messages FROM bridge.outbox GROUP BY status ORDER BY status");
    }

    static Date date(LocalDate d) {
        return Date.valueOf(d);
    }
}
