package com.patientcobridge.sandbox;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * The sandbox's logins: password then MFA (TOTP, or a code sent by SMS or e-mail to the outbox),
 * lock-out after five failures in a row, bearer tokens that expire, rotating refresh tokens, and
 * OAuth client credentials. Wall-clock time, not the sandbox's data clock.
 */
public final class Sessions {

    /** Why a login step failed: the contract's error code and HTTP status. */
    public static final class AuthError extends RuntimeException {
        final int status;
        final String code;

        AuthError(int status, String code) {
            super(code);
            this.status = status;
            this.code = code;
        }
    }

    record Token(String user, Instant expiresAt) {
    }

    record Challenge(String user, Instant expiresAt, int[] tries, Map<String, String> sentCodes) {
    }

    private final SandboxSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();
    private final Set<String> usedTotp = new HashSet<>();
    private final MfaOutbox outbox = new MfaOutbox();
    private volatile Duration lifetime;

    Sessions(SandboxSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.lifetime = settings.sessionLifetime();
    }

    public MfaOutbox outbox() {
        return outbox;
    }

    /** Session lifetime for tokens issued from now on (fault: short sessions). */
    public void lifetime(Duration value) {
        lifetime = value;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Step one: returns a challenge id (MFA enrolled users always get one). */
    synchronized String login(String username, String password) {
        Instant now = clock.instant();
        Instant locked = lockedUntil.get(username);
        if (locked != null && now.isBefore(locked)) {
            throw new AuthError(423, "locked");
        }
        if (!settings.username().equals(username) || !settings.password().equals(password)) {
            int n = failures.merge(username, 1, Integer::sum);
            if (n >= 5) {
                lockedUntil.put(username, now.plus(Duration.ofMinutes(15)));
                failures.remove(username);
                throw new AuthError(423, "locked");
            }
            throw new AuthError(401, "invalid_credentials");
        }
        failures.remove(username);
        String id = "chl_" + hex(12);
        challenges.put(id, new Challenge(username, now.plus(Duration.ofMinutes(5)), new int[1], new ConcurrentHashMap<>()));
        return id;
    }

    synchronized void send(String challengeId, String method) {
        Challenge c = live(challengeId);
        String code = String.format("%06d", random.nextInt(1_000_000));
        c.sentCodes().put(method, code);
        outbox.add(c.user(), method, code);
    }

    /** Step two: a TOTP or sent code; returns {token, refreshToken, expiresAt}. */
    synchronized String[] verify(String challengeId, String method, String code) {
        Challenge c = live(challengeId);
        boolean ok = switch (method) {
            case "totp" -> totpValid(code);
            case "sms", "email" -> code != null && code.equals(c.sentCodes().get(method));
            default -> false;
        };
        if (!ok) {
            if (++c.tries()[0] >= 5) {
                challenges.remove(challengeId);
            }
            throw new AuthError(401, "invalid_mfa_code");
        }
        challenges.remove(challengeId);
        return issue(c.user());
    }

    private Challenge live(String challengeId) {
        Challenge c = challenges.get(challengeId);
        if (c == null || clock.instant().isAfter(c.expiresAt()) || c.tries()[0] >= 5) {
            challenges.remove(challengeId);
            throw new AuthError(401, "challenge_expired");
        }
        return c;
    }

    private boolean totpValid(String code) {
        if (code == null || usedTotp.contains(code + "@" + clock.instant().getEpochSecond() / 30)) {
            return false;
        }
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
            SecretKeySpec key = new SecretKeySpec(new Base32().decode(settings.totpSecret()), "HmacSHA1");
            Instant now = clock.instant();
            for (Instant at : List.of(now, now.minusSeconds(30))) {
                if (String.format("%06d", totp.generateOneTimePassword(key, at)).equals(code)) {
                    usedTotp.add(code + "@" + now.getEpochSecond() / 30);
                    usedTotp.add(code + "@" + (now.getEpochSecond() / 30 + 1));
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("TOTP check failed", e);
        }
    }

    synchronized String[] refresh(String refreshToken) {
        String user = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (user == null) {
            throw new AuthError(401, "invalid_refresh_token");
        }
        return issue(user);
    }

    synchronized String[] clientCredentials(String clientId, String secret) {
        if (!settings.clientId().equals(clientId) || !settings.clientSecret().equals(secret)) {
            throw new AuthError(401, "invalid_client");
        }
        return issue(clientId);
    }

    private String[] issue(String user) {
        String token = "sbx_" + hex(24);
        String refresh = "rft_" + hex(24);
        Instant expires = clock.instant().plus(lifetime);
        tokens.put(token, new Token(user, expires));
        refreshTokens.put(refresh, user);
        return new String[] {token, refresh, expires.toString(), String.valueOf(lifetime.toSeconds())};
    }

    /** The user behind a bearer token, or an error: unauthorized (unknown) or session_expired. */
    String authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AuthError(401, "unauthorized");
        }
        Token t = tokens.get(authorization.substring(7).strip());
        if (t == null) {
            throw new AuthError(401, "unauthorized");
        }
        if (clock.instant().isAfter(t.expiresAt())) {
            throw new AuthError(401, "session_expired");
        }
        return t.user();
    }

    void revoke(String authorization) {
        Token t = tokens.get(authorization.substring(7).strip());
        if (t != null) {
            tokens.put(authorization.substring(7).strip(), new Token(t.user(), Instant.EPOCH));
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
