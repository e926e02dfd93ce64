package com.patientcobridge.bench;

import com.patientcobridge.BridgeApplication;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.schedule.Jobs;
import com.patientcobridge.support.HapiEhr;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End-to-end throughput against the limits of the parts: syncs N payments from the sandbox
 * (fetch, map to DFT^P03, deliver over MLLP with ACKs, stage), then, on the same receivers and
 * database, measures raw MLLP round trips (HAPI server, canned-ACK server) and PostgreSQL COPY,
 * and prints the ratios. Run with {@code bench/run [N ...]}; writes bench/results.md.
 */
public final class BridgeBenchmark {

    /** Threads per page of payments ({@code BENCH_WORKERS}, the bridge's patientco.workers). */
    static final int WORKERS = Integer.parseInt(System.getenv().getOrDefault("BENCH_WORKERS", "1"));

    /** Sizes above this skip the canned-ACK pass ({@code BENCH_CANNED_MAX}), which halves a 1,000,000 run. */
    static final int CANNED_MAX = Integer.parseInt(System.getenv().getOrDefault("BENCH_CANNED_MAX", "100000"));

    private BridgeBenchmark() {
    }

    /** What one size measured. */
    record Result(int n, int messages, double seconds, double readSeconds, int ackedAtRead, double bridgeRate, double hapiRaw, double cannedRaw,
            double cannedBridgeRate, double copyRate, double stageRate, long peakHeapMb, double cpuSeconds,
            CpuSplit bridgeCpu, CpuSplit rawCpu, int rawMessages, CpuSplit cannedCpu, int cannedMessages,
            List<PgStatements.Statement> statements) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000);
        }
        List<Result> results = new ArrayList<>();
        try (HapiEhr hapi = HapiEhr.answeringOnly(); CannedAckServer canned = new CannedAckServer()) {
            for (int n : sizes) {
                results.add(measure(n, hapi, canned));
            }
        }
        String report = report(results, String.join(" ", args));
        System.out.print(report);
        Path file = Path.of("bench/results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        // Threads of libraries (camel-mllp's idle timers) may outlive the contexts; the run is over.
        System.exit(0);
    }

    static Result measure(int n, HapiEhr hapi, CannedAckServer canned) throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(Math.max(1, n / 4))) {
            return measure(n, sandbox, hapi, canned);
        }
    }

    static Result measure(int n, SandboxProcess sandbox, HapiEhr hapi, CannedAckServer canned) throws Exception {
        System.gc();
        resetPeaks();
        long cpu0 = cpuNanos();
        Instant t0;
        double seconds;
        double readSeconds;
        int ackedAtRead;
        int messages;
        List<byte[]> framed = new ArrayList<>();
        CpuSplit cpuAtStart;
        CpuSplit bridgeCpu;
        double copyRate;
        double stageRate;
        List<PgStatements.Statement> statements = List.of();
        String dataDir = "target/bench-data/" + UUID.randomUUID();
        try (ConfigurableApplicationContext ctx = start(sandbox, hapi.port(), 1, dataDir)) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            Jobs jobs = ctx.getBean(Jobs.class);
            // The accounts' ADTs are delivered before the clock starts: only the payments are timed.
            var accounts = jobs.run("accounts", "bench", null);
            ctx.getBean(CycleRunner.class).waitForDelivery(List.of(accounts.runId()), Duration.ofHours(2));
            if (PgStatements.enabled()) {
                PgStatements.reset(jdbc);
            }
            t0 = Instant.now();
            cpuAtStart = CpuSplit.now(sandbox.pid(), dataDir);
            var run = jobs.run("payments", "bench", null);
            readSeconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
            ackedAtRead = jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE run_id = ? AND status = 'acked'",
                    Integer.class, run.runId());
            ctx.getBean(CycleRunner.class).waitForDelivery(List.of(run.runId()), Duration.ofHours(2));
            seconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
            bridgeCpu = CpuSplit.now(sandbox.pid(), dataDir).since(cpuAtStart);
            if (PgStatements.enabled()) {
                statements = PgStatements.top(jdbc, 15);
            }
            messages = jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE run_id = ? AND status = 'acked'",
                    Integer.class, run.runId());
            for (String hl7 : jdbc.queryForList("SELECT hl7 FROM bridge.outbox WHERE hl7 IS NOT NULL ORDER BY id LIMIT 5000",
                    String.class)) {
                framed.add(CannedAckServer.Mllp.frame(hl7.getBytes(StandardCharsets.UTF_8)));
            }
            DataSource ds = ctx.getBean(DataSource.class);
            copyRate = CopyReference.rowsPerSecond(ds, Math.min(n, 100_000));
            stageRate = StagingReference.itemsPerSecond(ctx, Math.min(n, 100_000));
        }
        long peakMb = peakHeapMb();
        double cpu = (cpuNanos() - cpu0) / 1e9;
        CpuSplit rawStart = CpuSplit.now(sandbox.pid(), dataDir);
        double hapiRaw = MllpRoundTrips.perSecond(hapi.port(), framed);
        CpuSplit rawCpu = CpuSplit.now(sandbox.pid(), dataDir).since(rawStart);
        double cannedRaw = MllpRoundTrips.perSecond(canned.port(), framed);
        double cannedBridge = Double.NaN;
        CpuSplit cannedCpu = CpuSplit.UNKNOWN;
        int cannedMessages = 0;
        if (n > CANNED_MAX) {
            return new Result(n, messages, seconds, readSeconds, ackedAtRead, messages / seconds, hapiRaw, cannedRaw,
                    cannedBridge, copyRate, stageRate, peakMb, cpu, bridgeCpu, rawCpu, framed.size(), cannedCpu,
                    cannedMessages, statements);
        }
        dataDir = "target/bench-data/" + UUID.randomUUID();
        try (ConfigurableApplicationContext ctx = start(sandbox, canned.port(), 4, dataDir)) {
            Jobs jobs = ctx.getBean(Jobs.class);
            var accounts = jobs.run("accounts", "bench", null);
            ctx.getBean(CycleRunner.class).waitForDelivery(List.of(accounts.runId()), Duration.ofHours(2));
            Instant c0 = Instant.now();
            CpuSplit cannedStart = CpuSplit.now(sandbox.pid(), dataDir);
            var run = jobs.run("payments", "bench", null);
            ctx.getBean(CycleRunner.class).waitForDelivery(List.of(run.runId()), Duration.ofHours(2));
            double s = Duration.between(c0, Instant.now()).toMillis() / 1000.0;
            cannedCpu = CpuSplit.now(sandbox.pid(), dataDir).since(cannedStart);
            cannedMessages = ctx.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM bridge.outbox WHERE run_id = ? AND status = 'acked'", Integer.class, run.runId());
            cannedBridge = cannedMessages / s;
        }
        return new Result(n, messages, seconds, readSeconds, ackedAtRead, messages / seconds, hapiRaw, cannedRaw, cannedBridge, copyRate,
                stageRate, peakMb, cpu, bridgeCpu, rawCpu, framed.size(), cannedCpu, cannedMessages, statements);
    }

    static ConfigurableApplicationContext start(SandboxProcess sandbox, int ehrPort, int connections, String dataDir) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--bridge.data-dir=" + dataDir,
                "--bridge.startup-run=false", "--bridge.schedule.enabled=false", "--ehr.mllp.host=127.0.0.1",
                "--ehr.mllp.port=" + ehrPort,
                "--ehr.connections=" + connections, "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--patientco.page-size=500", "--patientco.workers=" + WORKERS));
        args.addAll(sandbox.bridgeArgs());
        if (PgStatements.enabled()) {
            args.add(PgStatements.PRELOAD_ARG);
        }
        for (String job : Jobs.ORDER) {
            args.add("--bridge.schedule." + job + "=" + com.patientcobridge.system.OnceModeDefaults.NEVER);
        }
        return new SpringApplicationBuilder(BridgeApplication.class).run(args.toArray(String[]::new));
    }

    static String report(List<Result> results, String args) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark results\n\n");
        s.append("- date: ").append(Instant.now()).append('\n');
        s.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", Java ")
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MB\n");
        s.append("- command: `").append(WORKERS == 1 ? "" : "BENCH_WORKERS=" + WORKERS + " ")
                .append(PgStatements.enabled() ? "BENCH_PG_PROFILE=1 " : "").append("bench/run ")
                .append(args).append("`\n\n");
        s.append("| N payments | DFT sent+ACKed | seconds | of which reading | sent after reading, msg/s | bridge msg/s (HAPI, 1 conn) | raw MLLP to HAPI /s | ratio "
                + "| bridge msg/s (canned ACK, 4 conns) | raw MLLP canned /s | ratio | staging items/s | raw COPY rows/s | ratio "
                + "| peak heap MB | CPU s |\n");
        s.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            String afterReading = r.seconds() - r.readSeconds() < 1 ? "-"
                    : String.format("%.0f", (r.messages() - r.ackedAtRead()) / (r.seconds() - r.readSeconds()));
            boolean canned = !Double.isNaN(r.cannedBridgeRate());
            String cannedBridge = canned ? String.format("%.0f", r.cannedBridgeRate()) : "-";
            String cannedRatio = canned ? String.format("%.2f", r.cannedBridgeRate() / r.cannedRaw()) : "-";
            s.append(String.format("| %d | %d | %.1f | %.1f | %s | %.0f | %.0f | %.2f | %s | %.0f | %s | %.0f | %.0f | %.2f "
                    + "| %d | %.1f |%n", r.n(), r.messages(), r.seconds(), r.readSeconds(), afterReading, r.bridgeRate(),
                    r.hapiRaw(), r.bridgeRate() / r.hapiRaw(), cannedBridge, r.cannedRaw(), cannedRatio, r.stageRate(),
                    r.copyRate(), r.stageRate() / r.copyRate(), r.peakHeapMb(), r.cpuSeconds()));
        }
        for (int i = 1; i < results.size(); i++) {
            Result a = results.get(i - 1);
            Result b = results.get(i);
            s.append(String.format("%nFrom N = %d to %d (x%.0f): time x%.1f, peak heap x%.2f, CPU x%.1f.", a.n(), b.n(),
                    (double) b.n() / a.n(), b.seconds() / a.seconds(), (double) b.peakHeapMb() / a.peakHeapMb(),
                    b.cpuSeconds() / a.cpuSeconds()));
        }
        if (results.size() > 1) {
            s.append('\n');
        }
        cpuTable(s, results);
        for (Result r : results) {
            PgStatements.table(s, r.n(), r.messages(), r.statements());
        }
        return s.toString();
    }

    /** What one message cost the whole machine in each phase, and the rate that cost allows on these cores. */
    static void cpuTable(StringBuilder s, List<Result> results) {
        int cores = Runtime.getRuntime().availableProcessors();
        s.append("\nCPU per message, in ms of CPU (").append(cores).append(" cores give ").append(cores * 1000)
                .append(" ms a second; /proc, 10 ms ticks). 'This JVM' is the bridge with the benchmark's EHR and MLLP "
                + "client.\n\n");
        s.append("| N payments | phase | messages | machine | this JVM | sandbox JVM | PostgreSQL | other | msg/s the "
                + "machine's CPU allows | msg/s measured |\n");
        s.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            cpuRow(s, cores, r.n(), "bridge to HAPI, 1 conn", r.messages(), r.bridgeCpu(), r.bridgeRate());
            cpuRow(s, cores, r.n(), "raw MLLP to HAPI", r.rawMessages(), r.rawCpu(), r.hapiRaw());
            cpuRow(s, cores, r.n(), "bridge to canned ACK, 4 conns", r.cannedMessages(), r.cannedCpu(),
                    r.cannedBridgeRate());
        }
    }

    static void cpuRow(StringBuilder s, int cores, int n, String phase, int messages, CpuSplit c, double measured) {
        if (!c.known() || messages == 0) {
            return;
        }
        double per = (double) c.machineMs() / messages;
        s.append(String.format("| %d | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f |%n", n, phase, messages,
                per, (double) c.bridgeMs() / messages, (double) c.sandboxMs() / messages,
                (double) c.postgresMs() / messages, (double) c.otherMs() / messages, cores * 1000 / per, measured));
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
