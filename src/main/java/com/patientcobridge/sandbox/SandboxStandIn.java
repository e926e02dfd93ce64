package com.patientcobridge.sandbox;

import com.patientcobridge.patientco.PatientcoConfiguration;
import com.patientcobridge.patientco.PatientcoStandIn;
import com.patientcobridge.patientco.session.MfaCodeSource;

/**
 * The in-process sandbox as the bridge's Patientco: its URL and first user, a webhook secret made
 * for this run when none is configured, and its MFA outbox as the place SMS and e-mail codes arrive.
 */
public final class SandboxStandIn implements PatientcoStandIn {

    private final SandboxServer server;

    SandboxStandIn(SandboxServer server) {
        this.server = server;
    }

    @Override
    public void configure(PatientcoConfiguration c) {
        SandboxSettings s = server.settings();
        c.setBaseUrl(server.baseUrl());
        c.setUsername(s.username());
        c.setPassword(s.password());
        c.setTotpSecret(s.totpSecret());
        c.setClientId(s.clientId());
        c.setClientSecret(s.clientSecret());
        if (c.getWebhookSecret() == null) {
            c.setWebhookSecret(Webhooks.newSecret());
        }
    }

    @Override
    public MfaCodeSource mfaCodes() {
        String user = server.settings().username();
        return (method, timeout) -> {
            try {
                return server.outbox().take(user, method, timeout).orElseThrow(() -> new IllegalStateException(
                        "No " + method + " code in the sandbox outbox within " + timeout));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the sandbox's " + method + " code");
            }
        };
    }

    /** The sandbox's MFA outbox as a code source, for clients built outside Spring (tests). */
    public static MfaCodeSource codes(SandboxServer server) {
        return new SandboxStandIn(server).mfaCodes();
    }
}
