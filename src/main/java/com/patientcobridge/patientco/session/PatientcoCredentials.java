package com.patientcobridge.patientco.session;

/**
 * How the bridge logs in: {@code password} (username, password, then MFA by {@code mfaMethod}:
 * totp from {@code totpSecret}, or sms/email through a code source) or {@code oauth} (client credentials).
 */
public record PatientcoCredentials(String auth, String username, String password, String totpSecret,
        String mfaMethod, String clientId, String clientSecret) {

    public boolean oauth() {
        return "oauth".equalsIgnoreCase(auth);
    }

    @Override
    public String toString() {
        return "PatientcoCredentials[auth=" + auth + ", user=" + username + ", mfa=" + mfaMethod + "]";
    }
}
