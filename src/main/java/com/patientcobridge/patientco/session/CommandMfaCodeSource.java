package com.patientcobridge.patientco.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command that prints the code (a script reading a shared mailbox or an SMS gateway); the
 * method ({@code sms} or {@code email}) is passed as its last argument.
 */
public final class CommandMfaCodeSource implements MfaCodeSource {

    private final List<String> command;

    public CommandMfaCodeSource(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public String code(String method, Duration timeout) {
        try {
            List<String> args = new java.util.ArrayList<>(command);
            args.add(method);
            Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("The MFA code command did not answer within " + timeout);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !out.matches("\\d{4,10}")) {
                throw new IllegalStateException("The MFA code command failed (exit " + p.exitValue()
                        + ") or printed no code");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run the MFA code command: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the MFA code command");
        }
    }
}
