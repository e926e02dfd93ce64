package com.patientcobridge.patientco.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TOTP steps already used for a secret. Patientco takes each code once, and every node and
 * process of the bridge (and its portal path) logs in as the same user: a step claimed by one must
 * not be sent by another, which waits for the next step instead.
 */
public interface TotpSteps {

    /** Claims {@code step} for the secret; false if it, or a later one, was claimed already. */
    boolean claim(String secret, long step);

    /** Steps remembered by this process only: the component's default outside the application. */
    TotpSteps IN_PROCESS = inMemory();

    /** A memory of steps of its own (tests). */
    static TotpSteps inMemory() {
        Map<String, Long> last = new ConcurrentHashMap<>();
        return (secret, step) -> {
            long[] claimed = {0};
            last.compute(secret, (k, before) -> {
                if (before == null || before < step) {
                    claimed[0] = 1;
                    return step;
                }
                return before;
            });
            return claimed[0] == 1;
        };
    }
}
