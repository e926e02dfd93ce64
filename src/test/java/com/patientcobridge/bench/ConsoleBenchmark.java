package com.patientcobridge.bench;

import com.patientcobridge.ops.messages.MessageBrowser;
import com.patientcobridge.retention.Retention;
import com.patientcobridge.retention.RetentionPolicy;
import com.patientcobridge.schedule.JobRuns;
import com.patientcobridge.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The console on a store of N messages (1,000,000 by default) over 60 days: each message browser
 * query's median of 21 (newest page, a page 100,000 rows deep by its cursor, by account, by day and
 * type, by a rare outcome, by facility, by text in one day), then a retention run (bodies older than
 * 30 days, messages older than 45) while a writer does what the lanes do (100 messages enqueued,
 * then acknowledged into the store, per batch), with the writer's batch latency before and during it.
 * Run: {@code bench/console [N]}.
 */
public final class ConsoleBenchmark {

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        TestDatabase db = TestDatabase.create();
        long t0 = System.nanoTime();
        fill(db, n);
        System.out.printf(Locale.ROOT, "Filled %,d messages (outbox + store) in %.0f s%n", n, seconds(t0));
        MessageBrowser browser = new MessageBrowser(db.jdbc);
        Instant now = Instant.now();
        Instant day = now.minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        int depth = Math.min(100_000, n / 2);
        Map<String, Object> deep = db.jdbc.queryForMap("SELECT created_at, id FROM bridge.outbox "
                + "ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1", depth);
        MessageBrowser.Cursor cursor = new MessageBrowser.Cursor(((java.sql.Timestamp) deep.get("created_at"))
                .toInstant(), ((Number) deep.get("id")).longValue());
        String account = "acc_" + (n / 3 % 50_000);
        System.out.println("| query | median ms | rows |");
        System.out.println("| --- | ---: | ---: |");
        time("newest page", () -> browser.find(filter(null, null, null, null, null, null, null), null, 50));
        time("page " + depth + " rows deep (keyset)", () -> browser.find(filter(null, null, null, null, null, null, null),
                cursor, 50));
        time("one account, all time", () -> browser.find(filter(null, null, null, null, null, account, null), null, 50));
        time("one day, DFT^P03", () -> browser.find(filter(day, day.plus(1, ChronoUnit.DAYS), "DFT^P03", null, null,
                null, null), null, 50));
        time("outcome dead (rare)", () -> browser.find(filter(null, null, null, "dead", null, null, null), null, 50));
        time("facility, all time", () -> browser.find(filter(null, null, null, null, "fac_3", null, null), null, 50));
        time("text, one day", () -> browser.find(filter(day, day.plus(1, ChronoUnit.DAYS), null, null, null, null,
                "PATIENT7^"), null, 50));

        RetentionPolicy policy = new RetentionPolicy(Period.ofDays(30), Period.ofDays(45), null, null, null, null,
                null, null, 5000, List.of());
        Retention retention = new Retention(db.jdbc, db.tx, new JobRuns(db.jdbc, "bench"), policy, Clock.systemUTC(),
                new SimpleMeterRegistry());
        Writer writer = new Writer(db, n);
        List<Long> before = writer.run(Duration.ofSeconds(10));
        AtomicBoolean retaining = new AtomicBoolean(true);
        List<Long> during = Collections.synchronizedList(new ArrayList<>());
        Thread writing = new Thread(() -> {
            while (retaining.get()) {
                during.add(writer.batch());
            }
        });
        writing.start();
        long r0 = System.nanoTime();
        Map<String, Long> removed = retention.run("bench");
        double retentionSeconds = seconds(r0);
        retaining.set(false);
        writing.join();
        long total = removed.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "%nRetention: %.1f s, %,d rows (%,.0f rows/s): %s%n", retentionSeconds, total,
                total / retentionSeconds, removed);
        System.out.println("| writer batch of 100 (enqueue + ack + store) | batches | median ms | p99 ms | max ms |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        print("before retention", before);
        print("during retention", new ArrayList<>(during));
    }

    static MessageBrowser.Filter filter(Instant from, Instant to, String type, String outcome, String facility,
            String account, String text) {
        return new MessageBrowser.Filter(from, to, type, outcome, facility, account, null, null, null, null, text);
    }

    static void fill(TestDatabase db, int n) {
        // Spread over 60 days, newest last; one in 500 dead, one in 1,000 held; ids as the flows write them.
        db.jdbc.update("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, payment_id, "
                + "patientco_ids, msh10, event_json, facility, status, ack_code, created_at, sent_at, acked_at) "
                + "SELECT 'k' || i, 'payments', CASE WHEN i % 2 = 0 THEN 'DFT^P03' ELSE 'ADT^A08' END, "
                + "'gua_' || (i % 50000), i % 4, 'pay_' || i, ARRAY['acc_' || (i % 50000), 'gua_' || (i % 50000), "
                + "'pay_' || i], 'PCB' || i, '{}', 'fac_' || (i % 5), CASE WHEN i % 500 = 0 THEN 'dead' "
                + "WHEN i % 1000 = 1 THEN 'held' ELSE 'acked' END, CASE WHEN i % 500 = 0 THEN 'AR' ELSE 'AA' END, t, t, t "
                + "FROM (SELECT i, now() - interval '60 days' * (1 - i::float8 / ?) AS t FROM generate_series(1, ?) i) s",
                n, n);
        db.jdbc.update("INSERT INTO bridge.message_store (outbox_id, direction, msh10, message_type, patientco_ids, mrn, "
                + "ack_code, body, ack_body, created_at) SELECT o.id, 'out', o.msh10, o.message_type, o.patientco_ids, "
                + "'MRN' || o.id, 'AA', 'MSH|^~\\&|PATIENTCO|PCO_ATL|EPIC|PRMC|20261204||' || o.message_type || '|' "
                + "|| o.msh10 || '|P|2.5.1\rEVN|P03|20261204\rPID|1||MRN' || o.id || '^^^PRMC^MR||PATIENT' || (o.id % 1000) "
                + "|| '^JANE||19700102|F|||1 Peachtree St NE^^Atlanta^GA^30303\rFT1|1|R1||20261204|20261204|PY|"
                + "PCOCARD^Patientco card payment|Payment ' || o.payment_id || '|||-25.10\r', "
                + "'MSH|^~\\&|EPIC|PRMC|PATIENTCO|PCO_ATL|20261204||ACK|A' || o.msh10 || '|P|2.5.1\rMSA|AA|' "
                + "|| o.msh10 || '\r', o.created_at FROM bridge.outbox o WHERE o.status = 'acked'");
        db.jdbc.execute("ANALYZE bridge.outbox");
        db.jdbc.execute("ANALYZE bridge.message_store");
    }

    private static void time(String what, Supplier<MessageBrowser.Page> query) {
        List<Long> nanos = new ArrayList<>();
        int rows = 0;
        for (int i = 0; i < 21; i++) {
            long t = System.nanoTime();
            rows = query.get().rows().size();
            nanos.add(System.nanoTime() - t);
        }
        Collections.sort(nanos);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %d |%n", what, nanos.get(10) / 1e6, rows);
    }

    private static void print(String what, List<Long> nanos) {
        Collections.sort(nanos);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", what, nanos.size(),
                nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) (nanos.size() * 0.99)) / 1e6,
                nanos.get(nanos.size() - 1) / 1e6);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** What the lanes write per batch of 100: rows enqueued, then acknowledged with their message and ACK stored. */
    static final class Writer {
        private final TestDatabase db;
        private long next;

        Writer(TestDatabase db, int n) {
            this.db = db;
            this.next = n + 1L;
        }

        List<Long> run(Duration d) {
            List<Long> nanos = new ArrayList<>();
            long end = System.nanoTime() + d.toNanos();
            while (System.nanoTime() < end) {
                nanos.add(batch());
            }
            return nanos;
        }

        long batch() {
            long from = next;
            next += 100;
            long t = System.nanoTime();
            db.jdbc.update("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, patientco_ids, "
                    + "msh10, event_json, facility, status) SELECT 'k' || i, 'payments', 'DFT^P03', 'gua_' || (i % 50000), "
                    + "i % 4, ARRAY['acc_' || (i % 50000), 'pay_' || i], 'PCB' || i, '{}', 'fac_1', 'pending' "
                    + "FROM generate_series(?::bigint, ?::bigint) i", from, from + 99);
            db.jdbc.update("WITH acked AS (UPDATE bridge.outbox SET status = 'acked', ack_code = 'AA', sent_at = now(), "
                    + "acked_at = now() WHERE msh10 = ANY (ARRAY(SELECT 'PCB' || i FROM generate_series(?::bigint, "
                    + "?::bigint) i)) RETURNING id, msh10, message_type, patientco_ids) INSERT INTO bridge.message_store "
                    + "(outbox_id, direction, msh10, message_type, patientco_ids, ack_code, body, ack_body) SELECT id, "
                    + "'out', msh10, message_type, patientco_ids, 'AA', repeat('MSH|x', 100), 'MSH|MSA|AA' FROM acked",
                    from, from + 99);
            return System.nanoTime() - t;
        }
    }
}
