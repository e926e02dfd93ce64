package com.patientcobridge.schedule;

import com.patientcobridge.patientco.http.PatientcoAuthException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --bridge.once=true}: every job once, in order, a summary table, and an exit code; or,
 * without it, a first full cycle in the background as the bridge starts ({@code bridge.startup-run}).
 */
public class OnceMode implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(OnceMode.class);
    private final CycleRunner cycle;
    private final ConfigurableApplicationContext context;
    private final boolean once;
    private final boolean startupRun;
    private final Duration drainTimeout;

    public OnceMode(CycleRunner cycle, ConfigurableApplicationContext context, boolean once, boolean startupRun,
            Duration drainTimeout) {
        this.cycle = cycle;
        this.context = context;
        this.once = once;
        this.startupRun = startupRun;
        this.drainTimeout = drainTimeout;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (once) {
            int code = runOnce(System.out);
            System.exit(SpringApplication.exit(context, () -> code));
        } else if (startupRun) {
            Thread t = new Thread(() -> {
                try {
                    cycle.runCycle("startup", drainTimeout);
                } catch (RuntimeException e) {
                    LOG.error("The start-up cycle stopped: {}", e.getMessage());
                }
            }, "startup-cycle");
            t.setDaemon(true);
            t.start();
        }
    }

    int runOnce(PrintStream out) {
        try {
            CycleRunner.Cycle done = cycle.cycle("once", drainTimeout);
            out.print(Summary.table(done.runs()));
            if (context != null) {
                // The day's outreach file, from what the cycle staged.
                context.getBean(org.apache.camel.ProducerTemplate.class).sendBody("direct:outreach-file", null);
            }
            Set<String> failed = done.failedJobs();
            if (!failed.isEmpty()) {
                // For the scheduler or monitoring check that started the once-run: which jobs did not finish.
                System.err.println("patientco-bridge: " + failed.size() + " job(s) failed: " + String.join(", ", failed));
                done.failed().forEach((job, why) -> System.err.println("  " + job + ": " + why));
                return 1;
            }
            return 0;
        } catch (PatientcoAuthException e) {
            System.err.println("patientco-bridge: cannot work: " + e.getMessage());
            return 3;
        } catch (CycleRunner.EhrUnreachable e) {
            System.err.println("patientco-bridge: cannot work: " + e.getMessage());
            return 4;
        } catch (RuntimeException e) {
            System.err.println("patientco-bridge: cannot work: " + e.getMessage());
            return 2;
        }
    }
}
