package com.patientcobridge.patientco.session;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 codes (SHA-1, 6 digits, 30 s) from a base32 secret. Patientco takes each code once,
 * and the API login and the portal share the user, so a step already used here waits for the next.
 */
public final class Totp {

    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

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

    /** A code not yet used by this process, waiting for the next 30-second step when needed. */
    public static String fresh(String secret, Clock clock) throws InterruptedException {
        synchronized (LAST_STEP) {
            long step = clock.instant().getEpochSecond() / 30;
            Long last = LAST_STEP.get(secret);
            if (last != null && step <= last) {
                TimeUnit.MILLISECONDS.sleep((30 - clock.instant().getEpochSecond() % 30) * 1000 + 200);
                step = clock.instant().getEpochSecond() / 30;
            }
            LAST_STEP.put(secret, step);
            return code(secret, clock.instant());
        }
    }
}
