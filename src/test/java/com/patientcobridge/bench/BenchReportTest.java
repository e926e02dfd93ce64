package com.patientcobridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's tables: each bridge rate over its reference, the CPU per part, and each target's
 * verdict. Not named *Benchmark*: the pom keeps those out of the unit tests.
 */
class BenchReportTest {

    static BridgeBenchmark.Result result(int n, double seconds, double canned, long heapMb) {
        CpuSplit cpu = new CpuSplit(n * 2L, n / 4L, n / 2L, n / 10L, n / 8L);
        BridgeBenchmark.Pass hapi = new BridgeBenchmark.Pass(n, seconds, seconds / 2, 0, cpu,
                List.of(new PgStatements.Statement("SELECT 1", n / 50, 10, 1)));
        BridgeBenchmark.Pass cannedPass = Double.isNaN(canned) ? BridgeBenchmark.Pass.NONE
                : new BridgeBenchmark.Pass(n, n / canned, n / canned / 2, 0, CpuSplit.UNKNOWN, List.of());
        return new BridgeBenchmark.Result(n, hapi, cannedPass, 2_000, 1_500, CpuSplit.UNKNOWN, 5_000, 100_000, 85_000,
                heapMb);
    }

    @Test
    void printsEveryRatioTheCpuSplitAndEachTargetsVerdict() {
        String report = BenchReport.report(List.of(result(100_000, 200, 6000, 250),
                result(1_000_000, 300, Double.NaN, 275)), "100000 1000000");

        // 500 msg/s over 2,000 raw to HAPI; 6,000 over 1,500 raw canned; 85,000 staged over 100,000 COPY.
        assertThat(report).contains("| 100000 | 100000 | 200.0 | 100.0 | 500 | 2000 | 0.25 | 6000 | 1500 | 4.00 | 85000 "
                + "| 100000 | 0.85 | 250 |");
        // Above BENCH_CANNED_MAX the canned pass does not run: no rate, no ratio.
        assertThat(report).contains("| 1000000 | 1000000 | 300.0 | 150.0 | 3333 | 2000 | 1.67 | - | 1500 | - ");
        assertThat(report).contains("From N = 100000 to 1000000 (x10): time x1.5, peak heap x1.10.");
        // 0.25 + 0.125 ms of bridge and PostgreSQL CPU a payment.
        assertThat(report).contains("| 100000 | bridge to HAPI, 1 conn | 100000 | 2.000 | 0.250 | 0.125 | 0.375 | 0.500 ");
        assertThat(report).contains("| CPU per payment, bridge JVM + its PostgreSQL <= 0.5 ms | N = 100000: 0.375 ms | met |")
                .contains("| bridge to HAPI, 1 conn, >= 0.8 of raw MLLP | N = 100000: 0.25 | **not met** |")
                .contains("| canned ACK, 4 conns, staging included, >= 5,000 msg/s | N = 100000: 6000 msg/s | met |")
                .contains("| 1,000,000 payments <= 6 min, heap under 512 MB | N = 1000000: 5.0 min, peak heap 275 MB | met |")
                .contains("| staging a batch >= 0.8 of COPY | N = 100000: 0.85 | met |")
                // 2,000 calls for 100,000 payments: 10 a page of 500.
                .contains("| statements per page of 500 payments <= 20 | N = 100000: 10.0 | met |");
    }
}
