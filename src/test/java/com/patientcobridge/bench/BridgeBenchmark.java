package com.patientcobridge.bench;

import com.patientcobridge.BridgeApplication;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.schedule.Jobs;
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
 * End-to-end throughput against the limits of the parts: syncs N payments from the sandbox (fetch,
 * stage, lifecycle, DFT^P03 built and checked, MLLP with ACKs checked) into an EHR running in a JVM
 * of its own, then, on the same receivers and database, measures raw MLLP round trips (HAPI's
 * server, a canned-ACK server) and PostgreSQL COPY, and prints the ratios, the CPU each part spent
 * and, with {@code BENCH_PG_PROFILE=1}, the statements per page. Run with {@code bench/run [N ...]};
 * writes bench/results.md.
 */
public final class BridgeBenchmark {

    /** Sizes above this skip the canned-ACK pass ({@code BENCH_CANNED_MAX}), which halves a 1,000,000 run. */
    static final int CANNED_MAX = Integer.parseInt(System.getenv().getOrDefault("BENCH_CANNED_MAX", "100000"));

    /** Connections to the canned receiver ({@code BENCH_CANNED_CONNECTIONS}). */
    static final int CANNED_CONNECTIONS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CANNED_CONNECTIONS",
            "4"));

    /** Records per page, as the bridge reads them. */
    static final int PAGE = 500;

    private BridgeBenchmark() {
    }

    /** What one pass measured: messages delivered, its time, and where its CPU went. */
    record Pass(int messages, double seconds, double readSeconds, int ackedAtRead, CpuSplit cpu,
            List<PgStatements.Statement> statements) {

        static final Pass NONE = new Pass(0, Double.NaN, Double.NaN, 0, CpuSplit.UNKNOWN, List.of());

        double rate() {
            return messages / seconds;
        }

        boolean ran() {
            return messages > 0;
        }
    }

    /** What one size measured. */
    record Result(int n, Pass hapi, Pass canned, double hapiRaw, double cannedRaw, CpuSplit rawCpu, int rawMessages,
            double copyRate, double stageRate, long peakHeapMb) {
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
        try (EhrProcess hapi = EhrProcess.start("hapi"); EhrProcess canned = EhrProcess.start("canned")) {
            for (int n : sizes) {
                results.add(measure(n, hapi, canned));
            }
        }
        String report = BenchReport.report(results, String.join(" ", args));
        System.out.print(report);
        Path file = Path.of("bench/results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, keptHistory(file) + report, StandardCharsets.UTF_8);
        // Threads of libraries (camel-mllp's idle timers) may outlive the contexts; the run is over.
        System.exit(0);
    }

    /** The part of results.md above the latest run: each step's figures, kept by hand. */
    static final String LATEST_RUN = "## Latest run\n\n";

    static String keptHistory(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return LATEST_RUN;
        }
        String kept = Files.readString(file, StandardCharsets.UTF_8);
        int at = kept.indexOf(LATEST_RUN);
        return at < 0 ? LATEST_RUN : kept.substring(0, at + LATEST_RUN.length());
    }

    static Result measure(int n, EhrProcess hapi, EhrProcess canned) throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(Math.max(1, n / 4))) {
            System.gc();
            resetPeaks();
            String dataDir = "target/bench-data/" + UUID.randomUUID();
            List<byte[]> framed = new ArrayList<>();
            Pass toHapi;
            double copyRate;
            double stageRate;
            try (ConfigurableApplicationContext ctx = start(sandbox, hapi.port(), 1, dataDir)) {
                toHapi = pass(ctx, sandbox, hapi, dataDir);
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                for (String hl7 : jdbc.queryForList("SELECT body FROM bridge.message_store WHERE direction = 'out' "
                        + "ORDER BY id LIMIT 5000", String.class)) {
                    framed.add(CannedAckServer.Mllp.frame(hl7.getBytes(StandardCharsets.UTF_8)));
                }
                copyRate = CopyReference.rowsPerSecond(ctx.getBean(DataSource.class), Math.min(n, 100_000));
                stageRate = StagingReference.itemsPerSecond(ctx, Math.min(n, 100_000));
            }
            long peakMb = peakHeapMb();
            CpuSplit rawStart = CpuSplit.now(hapi.pid(), sandbox.pid(), dataDir);
            double hapiRaw = MllpRoundTrips.perSecond(hapi.port(), framed);
            CpuSplit rawCpu = CpuSplit.now(hapi.pid(), sandbox.pid(), dataDir).since(rawStart);
            double cannedRaw = MllpRoundTrips.perSecond(canned.port(), framed);
            Pass toCanned = Pass.NONE;
            if (n <= CANNED_MAX) {
                String cannedDir = "target/bench-data/" + UUID.randomUUID();
                try (ConfigurableApplicationContext ctx = start(sandbox, canned.port(), CANNED_CONNECTIONS, cannedDir)) {
                    toCanned = pass(ctx, sandbox, canned, cannedDir);
                }
            }
            return new Result(n, toHapi, toCanned, hapiRaw, cannedRaw, rawCpu, framed.size(), copyRate, stageRate,
                    peakMb);
        }
    }

    /** The timed pass: the payments job read, staged and delivered, after the accounts' ADTs went out untimed. */
    static Pass pass(ConfigurableApplicationContext ctx, SandboxProcess sandbox, EhrProcess ehr, String dataDir) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        Jobs jobs = ctx.getBean(Jobs.class);
        CycleRunner cycle = ctx.getBean(CycleRunner.class);
        var accounts = jobs.run("accounts", "bench", null);
        cycle.waitForDelivery(List.of(accounts.runId()), Duration.ofHours(2));
        if (PgStatements.enabled()) {
            PgStatements.reset(jdbc);
        }
        Instant t0 = Instant.now();
        CpuSplit start = CpuSplit.now(ehr.pid(), sandbox.pid(), dataDir);
        var run = jobs.run("payments", "bench", null);
        double readSeconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
        int ackedAtRead = acked(jdbc, run.runId());
        cycle.waitForDelivery(List.of(run.runId()), Duration.ofHours(2));
        double seconds = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
        CpuSplit cpu = CpuSplit.now(ehr.pid(), sandbox.pid(), dataDir).since(start);
        List<PgStatements.Statement> statements = PgStatements.enabled() ? PgStatements.all(jdbc) : List.of();
        return new Pass(acked(jdbc, run.runId()), seconds, readSeconds, ackedAtRead, cpu, statements);
    }

    private static int acked(JdbcTemplate jdbc, long runId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM bridge.outbox WHERE run_id = ? AND status = 'acked'",
                Integer.class, runId);
        return n == null ? 0 : n;
    }

    static ConfigurableApplicationContext start(SandboxProcess sandbox, int ehrPort, int connections, String dataDir) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--bridge.data-dir=" + dataDir,
                "--bridge.startup-run=false", "--bridge.schedule.enabled=false", "--ehr.mllp.host=127.0.0.1",
                "--ehr.mllp.port=" + ehrPort, "--ehr.connections=" + connections, "--logging.level.root=WARN",
                "--spring.main.banner-mode=off", "--patientco.page-size=" + PAGE));
        args.addAll(sandbox.bridgeArgs());
        if (PgStatements.enabled()) {
            args.add(PgStatements.PRELOAD_ARG);
        }
        for (String job : Jobs.ORDER) {
            args.add("--bridge.schedule." + job + "=" + com.patientcobridge.system.OnceModeDefaults.NEVER);
        }
        return new SpringApplicationBuilder(BridgeApplication.class).run(args.toArray(String[]::new));
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
}
