package com.patientcobridge.patientco.session;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 codes (SHA-1, 6 digits, 30 s) from a base32 secret. Patientco takes each code once, so a
 * code is only made for a step nobody has claimed ({@link TotpSteps}); a claimed step waits for the next.
 */
public final class Totp {

    private static final long STEP_SECONDS = 30;

    private Totp() {
    }

    /** The code for an instant. */
    public static String code(String secret, Instant at) {
        try {
            byte[] key = new Base32().decode(secret.replace(" ", "").toUpperCase());
            return String.format("%06d", new TimeBasedOneTimePasswordGenerator()
                    .generateOneTimePassword(new SecretKeySpec(key, "HmacSHA1"), at));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException("The TOTP secret is not a usable key", e);
        }
    }

    /** A code of a step nobody has used yet, waiting for the next 30-second step when needed. */
    public static String fresh(String secret, Clock clock, TotpSteps steps) throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            long step = now.getEpochSecond() / STEP_SECONDS;
            if (steps.claim(secret, step)) {
                return code(secret, now);
            }
            waitForNextStep(clock);
        }
    }

    /** Sleeps to just past the start of the next step. */
    public static void waitForNextStep(Clock clock) throws InterruptedException {
        long millis = clock.millis();
        long next = (millis / (STEP_SECONDS * 1000) + 1) * STEP_SECONDS * 1000;
        TimeUnit.MILLISECONDS.sleep(next - millis + 200);
    }
}
