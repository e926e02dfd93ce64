package com.patientcobridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.patientco.SyncSource;
import com.patientcobridge.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A once-run tells its scheduler the truth: a job that could not finish, whether it threw before or
 * after recording its run, makes the exit code non-zero and is named on stderr.
 */
class OnceRunTest {

    /** A job that records its run and ends it as it is told, or throws before it could record anything. */
    record FakeJob(String job, JobRuns runs, String outcome) implements SyncSource {
        @Override
        public RunResult runNow(String trigger, Instant backfillFrom) {
            if (outcome == null) {
                throw new IllegalStateException("database unavailable at the start of the run");
            }
            long id = runs.start(job, trigger);
            runs.finish(id, outcome, outcome.equals("failed") ? "Patientco answered 503 on page 3" : null);
            if (outcome.equals("failed")) {
                throw new IllegalStateException("payments: Patientco answered 503 on page 3");
            }
            return new RunResult(id, 10, 0, false);
        }
    }

    @Test
    void aJobThatFailedMakesTheOnceRunExitNonZeroAndIsNamed() throws Exception {
        TestDatabase db = TestDatabase.create();
        JobRuns runs = new JobRuns(db.jdbc, "test");
        List<SyncSource> sources = List.of(new FakeJob("accounts", runs, "ok"), new FakeJob("payments", runs, "failed"),
                new FakeJob("refunds", runs, null), new FakeJob("settlements", runs, "partial"));
        CycleRunner cycle = new CycleRunner(new Jobs(null) {
            @Override
            public List<SyncSource> all() {
                return sources;
            }
        }, runs, db.jdbc);

        CycleRunner.Cycle done = cycle.cycle("once", Duration.ofSeconds(5));
        assertThat(done.failedJobs()).containsExactly("payments", "refunds");
        assertThat(done.runs()).extracting(JobRun::job).containsExactly("accounts", "payments", "settlements");

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        int code;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = new OnceMode(cycle, null, true, false, Duration.ofSeconds(5))
                    .runOnce(new PrintStream(table, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(1);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("2 job(s) failed: payments, refunds")
                .contains("refunds: database unavailable");
        assertThat(table.toString(StandardCharsets.UTF_8)).contains("payments").contains("failed: Patientco answered 503");
    }
}
