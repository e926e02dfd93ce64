package com.patientcobridge.bench;

import com.patientcobridge.support.HapiEhr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's EHR in a JVM of its own, as a hospital's interface engine is: HAPI's own MLLP
 * server answering each message ({@code hapi}), or a receiver answering a canned AA at once
 * ({@code canned}). Its CPU is then apart from the bridge's. It prints its port and serves until its
 * standard input closes.
 */
final class EhrProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private EhrProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static EhrProcess start(String kind) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), EhrProcess.class.getName(), kind))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ehr ")) {
                return new EhrProcess(process, Integer.parseInt(line.substring("ehr ".length()).trim()));
            }
        }
        throw new IOException("the " + kind + " EHR process ended before it was ready (exit " + process.exitValue() + ")");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        AutoCloseable server;
        int port;
        if (args[0].equals("canned")) {
            CannedAckServer canned = new CannedAckServer();
            server = canned;
            port = canned.port();
        } else {
            HapiEhr hapi = HapiEhr.answeringOnly();
            server = hapi;
            port = hapi.port();
        }
        try (server) {
            System.out.println("ehr " + port);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the benchmark closes our standard input
            }
        }
    }
}
