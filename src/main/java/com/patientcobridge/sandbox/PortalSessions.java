package com.patientcobridge.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Portal browser sessions: the PCOSESSION cookie, its CSRF token, the login's MFA challenge, 15 minutes idle. */
final class PortalSessions {

    /** One browser's session. */
    static final class Session {
        final String id;
        final String csrf;
        volatile String challengeId;
        /** The MFA method whose code the browser asked to be sent (sms, email); totp until then. */
        volatile String mfaMethod = "totp";
        volatile boolean authenticated;
        volatile Instant lastSeen = Instant.now();

        Session(String id, String csrf) {
            this.id = id;
            this.csrf = csrf;
        }
    }

    private static final Duration IDLE = Duration.ofMinutes(15);
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** The session named by the request's cookie, or a new one. */
    Session of(Exchange ex) {
        String cookie = ex.header("Cookie");
        if (cookie != null) {
            for (String part : cookie.split(";")) {
                String[] kv = part.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals("PCOSESSION")) {
                    Session s = sessions.get(kv[1]);
                    if (s != null && s.lastSeen.plus(IDLE).isAfter(Instant.now())) {
                        s.lastSeen = Instant.now();
                        return s;
                    }
                }
            }
        }
        Session s = new Session(token(), token());
        sessions.put(s.id, s);
        ex.http.getResponseHeaders().add("Set-Cookie", "PCOSESSION=" + s.id + "; Path=/portal; HttpOnly; SameSite=Lax");
        return s;
    }

    private String token() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
