package com.patientcobridge.patientco.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A person in the loop: the bridge waits for a file to appear holding the code (the file is
 * deleted once read, so an old code is never used twice).
 */
public final class FileMfaCodeSource implements MfaCodeSource {

    private final Path file;

    public FileMfaCodeSource(Path file) {
        this.file = file;
    }

    @Override
    public String code(String method, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Files.exists(file)) {
                    String code = Files.readString(file).strip();
                    Files.delete(file);
                    if (!code.isEmpty()) {
                        return code;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the MFA code file " + file + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("No " + method + " MFA code was written to " + file + " within " + timeout);
    }
}
