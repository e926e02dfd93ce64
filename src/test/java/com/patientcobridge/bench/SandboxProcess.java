package com.patientcobridge.bench;

import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.sandbox.SandboxSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's Patientco: a sandbox in a JVM of its own, so that the bridge's heap and CPU are
 * measured without the sandbox's data in them. {@link #start} runs {@link #main} as a child
 * process, which prints its base URL and serves until its standard input closes.
 */
final class SandboxProcess implements AutoCloseable {

    static final SandboxSettings SETTINGS = SandboxSettings.defaults().withSeed(42).withPaymentsPerAccount(4);

    private final Process process;
    private final String baseUrl;

    private SandboxProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static SandboxProcess start(int guarantors) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                SandboxProcess.class.getName(), String.valueOf(guarantors)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("sandbox ")) {
                return new SandboxProcess(process, line.substring("sandbox ".length()).trim());
            }
        }
        throw new IOException("the sandbox process ended before it was ready (exit " + process.exitValue() + ")");
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The bridge's options to read from this sandbox as it would from Patientco. */
    List<String> bridgeArgs() {
        return List.of("--patientco.base-url=" + baseUrl, "--patientco.username=" + SETTINGS.username(),
                "--patientco.password=" + SETTINGS.password(), "--patientco.totp-secret=" + SETTINGS.totpSecret());
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        int guarantors = Integer.parseInt(args[0]);
        try (SandboxServer server = SandboxServer.start(SETTINGS.withGuarantors(guarantors), "127.0.0.1", 0)) {
            System.out.println("sandbox " + server.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the benchmark closes our standard input
            }
        }
    }
}
