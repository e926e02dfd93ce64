package com.patientcobridge.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The benchmark's report, as bench/results.md keeps it: the rates and ratios, the CPU per part, the targets. */
final class BenchReport {

    private BenchReport() {
    }

    static String report(List<BridgeBenchmark.Result> results, String args) {
        StringBuilder s = new StringBuilder();
        s.append("- date: ").append(Instant.now()).append('\n');
        s.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", Java ")
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MB\n");
        s.append("- command: `").append(PgStatements.enabled() ? "BENCH_PG_PROFILE=1 " : "").append("bench/run ")
                .append(args).append("`\n\n");
        s.append("| N payments | DFT sent+ACKed | seconds | of which reading | bridge msg/s (HAPI, 1 conn) "
                + "| raw MLLP to HAPI /s | ratio | bridge msg/s (canned ACK, " + BridgeBenchmark.CANNED_CONNECTIONS
                + " conns) | raw MLLP canned /s | ratio | staging items/s | raw COPY rows/s | ratio | peak heap MB |\n");
        s.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (BridgeBenchmark.Result r : results) {
            boolean canned = r.canned().ran();
            s.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.0f | %.0f | %.2f | %s | %.0f | %s | %.0f "
                    + "| %.0f | %.2f | %d |%n", r.n(), r.hapi().messages(), r.hapi().seconds(), r.hapi().readSeconds(),
                    r.hapi().rate(), r.hapiRaw(), r.hapi().rate() / r.hapiRaw(),
                    canned ? String.format(Locale.ROOT, "%.0f", r.canned().rate()) : "-", r.cannedRaw(),
                    canned ? String.format(Locale.ROOT, "%.2f", r.canned().rate() / r.cannedRaw()) : "-", r.stageRate(),
                    r.copyRate(), r.stageRate() / r.copyRate(), r.peakHeapMb()));
        }
        for (int i = 1; i < results.size(); i++) {
            BridgeBenchmark.Result a = results.get(i - 1);
            BridgeBenchmark.Result b = results.get(i);
            s.append(String.format(Locale.ROOT, "%nFrom N = %d to %d (x%.0f): time x%.1f, peak heap x%.2f.", a.n(), b.n(),
                    (double) b.n() / a.n(), b.hapi().seconds() / a.hapi().seconds(),
                    (double) b.peakHeapMb() / a.peakHeapMb()));
        }
        if (results.size() > 1) {
            s.append('\n');
        }
        cpuTable(s, results);
        targets(s, results);
        for (BridgeBenchmark.Result r : results) {
            PgStatements.table(s, r.n(), r.hapi().messages(), r.hapi().statements());
        }
        return s.toString();
    }

    /** What one payment cost each part, per pass, and the rate the machine's cores allow at that cost. */
    static void cpuTable(StringBuilder s, List<BridgeBenchmark.Result> results) {
        int cores = Runtime.getRuntime().availableProcessors();
        s.append("\nCPU per payment read, in ms (").append(cores).append(" cores give ").append(cores * 1000)
                .append(" ms a second; /proc, 10 ms ticks). The EHR and the sandbox run in JVMs of their own; in the raw "
                + "reference 'bridge JVM' is the benchmark's MLLP client.\n\n");
        s.append("| N payments | pass | payments | machine | bridge JVM | its PostgreSQL | bridge + PostgreSQL | EHR JVM "
                + "| sandbox JVM | other | msg/s the machine allows | msg/s measured |\n");
        s.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (BridgeBenchmark.Result r : results) {
            row(s, cores, r.n(), "bridge to HAPI, 1 conn", r.n(), r.hapi().cpu(), r.hapi().rate());
            row(s, cores, r.n(), "raw MLLP to HAPI", r.rawMessages(), r.rawCpu(), r.hapiRaw());
            if (r.canned().ran()) {
                row(s, cores, r.n(), "bridge to canned ACK, " + BridgeBenchmark.CANNED_CONNECTIONS + " conns", r.n(),
                        r.canned().cpu(), r.canned().rate());
            }
        }
    }

    private static void row(StringBuilder s, int cores, int n, String pass, int count, CpuSplit c, double measured) {
        if (!c.known() || count == 0) {
            return;
        }
        double per = (double) c.machineMs() / count;
        s.append(String.format(Locale.ROOT, "| %d | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.0f | %.0f "
                + "|%n", n, pass, count, per, (double) c.bridgeMs() / count, (double) c.postgresMs() / count,
                (double) c.bridgeAndPostgresMs() / count, (double) c.ehrMs() / count, (double) c.sandboxMs() / count,
                (double) c.otherMs() / count, cores * 1000 / per, measured));
    }

    /** Each target of issue 15, as measured by the largest size that measured it. */
    static void targets(StringBuilder s, List<BridgeBenchmark.Result> results) {
        s.append("\n| target | measured | verdict |\n| --- | --- | --- |\n");
        for (BridgeBenchmark.Result r : results) {
            CpuSplit c = r.hapi().cpu();
            if (c.known()) {
                double ms = (double) c.bridgeAndPostgresMs() / r.n();
                verdict(s, "CPU per payment, bridge JVM + its PostgreSQL <= 0.5 ms", r.n(), String.format(Locale.ROOT,
                        "%.3f ms", ms), ms <= 0.5);
            }
            double ratio = r.hapi().rate() / r.hapiRaw();
            verdict(s, "bridge to HAPI, 1 conn, >= 0.8 of raw MLLP", r.n(), String.format(Locale.ROOT, "%.2f", ratio),
                    ratio >= 0.8);
            if (r.canned().ran()) {
                verdict(s, "canned ACK, " + BridgeBenchmark.CANNED_CONNECTIONS + " conns, staging included, >= 5,000 msg/s",
                        r.n(), String.format(Locale.ROOT, "%.0f msg/s", r.canned().rate()), r.canned().rate() >= 5000);
            }
            if (r.n() >= 1_000_000) {
                boolean met = r.hapi().seconds() <= 360 && r.peakHeapMb() < 512;
                verdict(s, "1,000,000 payments <= 6 min, heap under 512 MB", r.n(), String.format(Locale.ROOT,
                        "%.1f min, peak heap %d MB", r.hapi().seconds() / 60, r.peakHeapMb()), met);
            }
            double staging = r.stageRate() / r.copyRate();
            verdict(s, "staging a batch >= 0.8 of COPY", Math.min(r.n(), 100_000), String.format(Locale.ROOT, "%.2f",
                    staging), staging >= 0.8);
            if (!r.hapi().statements().isEmpty()) {
                double perPage = PgStatements.perPage(r.hapi().statements(), r.n(), BridgeBenchmark.PAGE);
                verdict(s, "statements per page of " + BridgeBenchmark.PAGE + " payments <= 20", r.n(),
                        String.format(Locale.ROOT, "%.1f", perPage), perPage <= 20);
            }
        }
    }

    private static void verdict(StringBuilder s, String target, int n, String measured, boolean met) {
        s.append(String.format(Locale.ROOT, "| %s | N = %d: %s | %s |%n", target, n, measured, met ? "met" : "**not met**"));
    }
}
