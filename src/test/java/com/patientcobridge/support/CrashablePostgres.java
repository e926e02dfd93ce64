package com.patientcobridge.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A PostgreSQL server the bridge reaches by URL (as it reaches a hospital's), that a test can crash
 * the way a power cut or an OOM kill crashes it, an immediate shutdown (SIGQUIT: no checkpoint,
 * crash recovery at the next start), and start again on the same data and port.
 */
public final class CrashablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private CrashablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static CrashablePostgres start(Path dataDir) throws IOException {
        CrashablePostgres pg = new CrashablePostgres(dataDir, HapiEhr.freePort());
        pg.server = pg.builder().start();
        return pg;
    }

    private EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "100");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Immediate shutdown of the postmaster and its backends; returns once it is gone. */
    public void crash() throws Exception {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor();
        if (postmaster.isPresent()) {
            postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Starts the server again on its data (PostgreSQL replays its WAL) and port. */
    public void restart() throws IOException {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // it is already gone: that was the point
        }
        server = builder().start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
