package com.patientcobridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How a sandbox starts: the seed and scale of its data, its clock, and the faults it injects.
 * Same seed and scale, same data, ids included.
 */
public record SandboxSettings(long seed, int guarantors, int paymentsPerAccount, Instant start,
        LocalTime bankCutoff, ZoneId bankZone, Duration sessionLifetime, String username, String password,
        String totpSecret, String clientId, String clientSecret, Faults faults) {

    /** 500 guarantors, four payments each, clock at 2026-11-02 12:00 UTC, no faults. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(42, 500, 4, Instant.parse("2026-11-02T12:00:00Z"), LocalTime.of(21, 0),
                ZoneId.of("America/New_York"), Duration.ofMinutes(30), "bridge-svc", "sandbox-password",
                "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "bridge-client", "sandbox-client-secret", new Faults());
    }

    public SandboxSettings withSeed(long value) {
        return new SandboxSettings(value, guarantors, paymentsPerAccount, start, bankCutoff, bankZone,
                sessionLifetime, username, password, totpSecret, clientId, clientSecret, faults);
    }

    public SandboxSettings withGuarantors(int value) {
        return new SandboxSettings(seed, value, paymentsPerAccount, start, bankCutoff, bankZone, sessionLifetime,
                username, password, totpSecret, clientId, clientSecret, faults);
    }

    public SandboxSettings withPaymentsPerAccount(int value) {
        return new SandboxSettings(seed, guarantors, value, start, bankCutoff, bankZone, sessionLifetime, username,
                password, totpSecret, clientId, clientSecret, faults);
    }

    public SandboxSettings withSessionLifetime(Duration value) {
        return new SandboxSettings(seed, guarantors, paymentsPerAccount, start, bankCutoff, bankZone, value, username,
                password, totpSecret, clientId, clientSecret, faults);
    }

    public SandboxSettings withCredentials(String user, String pass, String totp) {
        return new SandboxSettings(seed, guarantors, paymentsPerAccount, start, bankCutoff, bankZone,
                sessionLifetime, user, pass, totp, clientId, clientSecret, faults);
    }
}
