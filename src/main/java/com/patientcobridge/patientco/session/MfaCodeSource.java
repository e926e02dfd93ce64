package com.patientcobridge.patientco.session;

import java.time.Duration;

/**
 * Where an SMS or e-mail MFA code comes from once Patientco has sent it: the sandbox's outbox in
 * tests, a file a person writes, or a command that fetches it.
 */
@FunctionalInterface
public interface MfaCodeSource {

    /** Waits up to {@code timeout} for the code sent by {@code method} ("sms" or "email"). */
    String code(String method, Duration timeout);
}
