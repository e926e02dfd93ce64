package com.patientcobridge.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an embedded PostgreSQL left running by a bridge that was killed ({@code kill -9}): its
 * postmaster outlives the JVM and holds the data folder, so the next start would fail.
 */
final class StalePostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path pgData, Duration wait) {
        Path pidFile = pgData.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = read(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(StalePostmaster::isPostgres);
        if (postmaster.isEmpty()) {
            return;
        }
        long pid = postmaster.get().pid();
        LOG.warn("Embedded PostgreSQL (pid {}) still running from an earlier bridge that did not stop cleanly; "
                + "stopping it before starting again", pid);
        // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM, so it goes at once.
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("PostgreSQL pid {} did not stop within {}; forcing it", pid, wait);
            postmaster.get().destroyForcibly();
        }
    }

    private static Optional<Long> read(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
    }
}
