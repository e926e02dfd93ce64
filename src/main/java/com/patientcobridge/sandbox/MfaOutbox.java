package com.patientcobridge.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Where the sandbox "sends" SMS and e-mail MFA codes, so tests (and a person at a demo) can read them. */
public final class MfaOutbox {

    private final Map<String, String> latest = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<String>> unread = new ConcurrentHashMap<>();

    void add(String user, String method, String code) {
        latest.put(user + "/" + method, code);
        queue(user, method).add(code);
    }

    /** The last code sent to the user by {@code sms} or {@code email}. */
    public Optional<String> latestCode(String user, String method) {
        return Optional.ofNullable(latest.get(user + "/" + method));
    }

    /**
     * The newest code sent that nobody has read yet, waiting for one up to {@code timeout}; older unread
     * codes (of a login that gave up) are dropped. Empty if none came.
     */
    public Optional<String> take(String user, String method, Duration timeout) throws InterruptedException {
        BlockingQueue<String> codes = queue(user, method);
        String code = codes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (String newer = codes.poll(); newer != null; newer = codes.poll()) {
            code = newer;
        }
        return Optional.ofNullable(code);
    }

    private BlockingQueue<String> queue(String user, String method) {
        return unread.computeIfAbsent(user + "/" + method, k -> new LinkedBlockingQueue<>());
    }
}
