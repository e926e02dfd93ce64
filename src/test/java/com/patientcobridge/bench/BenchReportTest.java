package com.patientcobridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's table: each bridge rate over its reference, and how time and heap grow. Not named
 * *Benchmark*: the pom keeps those out of the unit tests.
 */
class BenchReportTest {

    static BridgeBenchmark.Result result(int n, double seconds, double canned, long heapMb) {
        return new BridgeBenchmark.Result(n, n, seconds, seconds / 2, 0, n / seconds, 2_000, 1_500, canned, 100_000,
                60_000, heapMb, seconds * 2, CpuSplit.UNKNOWN, CpuSplit.UNKNOWN, 5_000, CpuSplit.UNKNOWN, 0, List.of());
    }

    @Test
    void printsEveryRatioAndTheGrowth() {
        String report = BridgeBenchmark.report(List.of(result(100_000, 200, 375, 250),
                result(1_000_000, 2_000, Double.NaN, 275)), "100000 1000000");

        // 500 msg/s over 2,000 raw to HAPI; 375 over 1,500 raw canned; 60,000 staged over 100,000 COPY.
        assertThat(report).contains("| 100000 | 100000 | 200.0 | 100.0 | 1000 | 500 | 2000 | 0.25 | 375 | 1500 | 0.25 "
                + "| 60000 | 100000 | 0.60 | 250 | 400.0 |");
        // Above BENCH_CANNED_MAX the canned pass does not run: no rate, no ratio.
        assertThat(report).contains("| 1000000 | 1000000 | 2000.0 | 1000.0 | 1000 | 500 | 2000 | 0.25 | - | 1500 | - ");
        assertThat(report).contains("From N = 100000 to 1000000 (x10): time x10.0, peak heap x1.10, CPU x10.0.");
    }
}
