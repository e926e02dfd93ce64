package com.patientcobridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a phase's CPU went, from Linux's /proc: the whole machine, this JVM (the bridge, and in the
 * raw reference the benchmark's own client), the EHR's JVM, the sandbox's JVM, and the bridge's
 * PostgreSQL (its postmaster, found by its data directory, and the postmaster's children). Dividing a
 * phase's CPU by the messages it carried gives what one message costs, which with two cores bounds
 * the rate: at most 2,000 ms of CPU a second are there to spend.
 */
record CpuSplit(long machineMs, long bridgeMs, long ehrMs, long sandboxMs, long postgresMs) {

    /** A split that could not be read (not Linux, /proc hidden) or a phase that did not run. */
    static final CpuSplit UNKNOWN = new CpuSplit(-1, -1, -1, -1, -1);

    /** Linux's USER_HZ: /proc counts CPU time in these ticks (100 a second on every mainstream kernel). */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * CPU used so far (for the machine: since boot). {@code postgresDataDir} is a part of the path
     * of the PostgreSQL data directory the bridge uses, unique to it.
     */
    static CpuSplit now(long ehrPid, long sandboxPid, String postgresDataDir) {
        try {
            return new CpuSplit(machineBusyMs(), processMs(ProcessHandle.current().pid()), processMs(ehrPid),
                    processMs(sandboxPid), postgresMs(postgresDataDir));
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is hidden: the benchmark runs on, without the split.
            return UNKNOWN;
        }
    }

    CpuSplit since(CpuSplit start) {
        if (machineMs < 0 || start.machineMs < 0) {
            return UNKNOWN;
        }
        return new CpuSplit(machineMs - start.machineMs, bridgeMs - start.bridgeMs, ehrMs - start.ehrMs,
                sandboxMs - start.sandboxMs, postgresMs - start.postgresMs);
    }

    boolean known() {
        return machineMs >= 0;
    }

    /** What the machine spent that none of the four accounts for: other programs, the kernel's own threads. */
    long otherMs() {
        return machineMs - bridgeMs - ehrMs - sandboxMs - postgresMs;
    }

    /** The bridge's own cost: its JVM and its PostgreSQL. */
    long bridgeAndPostgresMs() {
        return bridgeMs + postgresMs;
    }

    private static long machineBusyMs() throws IOException {
        // cpu  user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy * 1000 / TICKS_PER_SECOND;
    }

    private static long processMs(long pid) throws IOException {
        String[] f = statFields(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
    }

    /** The postmaster's own time and its children's, including what its ended children (closed backends) used. */
    private static long postgresMs(String dataDir) throws IOException {
        Map<Long, String[]> postgres = new HashMap<>();
        long postmaster = -1;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        long pid = Long.parseLong(p.getFileName().toString());
                        postgres.put(pid, statFields(stat));
                        if (new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(dataDir)) {
                            postmaster = pid;
                        }
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        long ticks = 0;
        for (Map.Entry<Long, String[]> e : postgres.entrySet()) {
            String[] f = e.getValue();
            if (e.getKey() == postmaster || Long.parseLong(f[1]) == postmaster) {
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** The fields after the command name, which may hold spaces: 0 here is the state, 1 the parent, 11 utime, 12 stime. */
    private static String[] statFields(String text) {
        return text.substring(text.lastIndexOf(')') + 2).trim().split("\\s+");
    }
}
