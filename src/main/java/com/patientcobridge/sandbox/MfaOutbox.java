package com.patientcobridge.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Where the sandbox "sends" SMS and e-mail MFA codes, so tests (and a person at a demo) can read them. */
public final class MfaOutbox {

    private final Map<String, String> latest = new ConcurrentHashMap<>();

    void add(String user, String method, String code) {
        latest.put(user + "/" + method, code);
    }

    /** The last code sent to the user by {@code sms} or {@code email}. */
    public Optional<String> latestCode(String user, String method) {
        return Optional.ofNullable(latest.get(user + "/" + method));
    }
}
