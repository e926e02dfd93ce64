package com.patientcobridge.patientco.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.patientco.http.PatientcoAuthException;
import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Patientco session every endpoint and thread shares: logs in (password and MFA, or
 * OAuth), refreshes before the token expires, logs in again when told {@code session_expired},
 * and, once the credentials are refused, refuses to try again until reset.
 */
public class PatientcoSession {

    private static final Logger LOG = LoggerFactory.getLogger(PatientcoSession.class);
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(20);

    private final String baseUrl;
    private final PatientcoCredentials credentials;
    private final PatientcoHttp http;
    private final MfaCodeSource codeSource;
    private final Clock clock;
    private final TotpSteps totpSteps;
    private String token;
    private String refreshToken;
    private Instant expiresAt = Instant.EPOCH;
    /** Refresh this long before expiry: 20 s, or a quarter of a short session's life. */
    private Duration refreshAhead = REFRESH_AHEAD;
    private volatile PatientcoAuthException refused;

    public PatientcoSession(String baseUrl, PatientcoCredentials credentials, PatientcoHttp http,
            MfaCodeSource codeSource, Clock clock, TotpSteps totpSteps) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.credentials = credentials;
        this.http = http;
        this.codeSource = codeSource;
        this.clock = clock;
        this.totpSteps = totpSteps;
    }

    /** The refusal that stopped the session, or null while it can log in. */
    public PatientcoAuthException refusal() {
        return refused;
    }

    /** Lets the session try again after a person fixed the credentials. */
    public synchronized void reset() {
        refused = null;
        token = null;
    }

    /** A bearer token that is valid for at least a few more seconds. */
    public synchronized String token() {
        if (refused != null) {
            throw refused;
        }
        if (token != null && clock.instant().plus(refreshAhead).isBefore(expiresAt)) {
            return token;
        }
        // A refresh token outlives a revoked or expired access token: try it before a full login (and a new MFA code).
        if (refreshToken != null && refresh()) {
            return token;
        }
        login();
        return token;
    }

    /** Drops a token Patientco called expired, so the next {@link #token()} logs in again. */
    public synchronized void expired(String staleToken) {
        if (staleToken != null && staleToken.equals(token)) {
            token = null;
        }
    }

    public synchronized void logout() {
        if (token != null) {
            http.send(PatientcoHttp.Request.delete(URI.create(baseUrl + "/api/v1/sessions/current"))
                    .header("Authorization", "Bearer " + token));
            token = null;
        }
    }

    private boolean refresh() {
        ObjectNode body = PatientcoHttp.json().put("refreshToken", refreshToken);
        PatientcoHttp.Answer a = http.send(post("/api/v1/sessions/refresh", body.toString()));
        if (a.status() == 200) {
            accept(a.json());
            return true;
        }
        refreshToken = null;
        LOG.info("Patientco refresh refused ({}); logging in again", a.errorCode());
        return false;
    }

    private void login() {
        if (credentials.oauth()) {
            String form = "grant_type=client_credentials&client_id=" + enc(credentials.clientId()) + "&client_secret="
                    + enc(credentials.clientSecret());
            PatientcoHttp.Answer a = http.send(PatientcoHttp.Request.post(URI.create(baseUrl + "/oauth/token"),
                    "application/x-www-form-urlencoded", form));
            check(a);
            JsonNode n = a.json();
            token = n.get("access_token").asText();
            refreshToken = null;
            expiresAt = clock.instant().plusSeconds(n.path("expires_in").asLong(300));
            refreshAhead = Duration.ofSeconds(Math.min(REFRESH_AHEAD.toSeconds(), n.path("expires_in").asLong(300) / 4));
            LOG.info("Patientco session opened by OAuth client credentials, valid until {}", expiresAt);
            return;
        }
        ObjectNode body = PatientcoHttp.json().put("username", credentials.username()).put("password",
                credentials.password());
        PatientcoHttp.Answer a = http.send(post("/api/v1/sessions", body.toString()));
        check(a);
        JsonNode n = a.json();
        if (a.status() == 202 && n.path("mfaRequired").asBoolean()) {
            n = mfa(n.get("challengeId").asText());
        }
        accept(n);
        LOG.info("Patientco session opened for the configured user, valid until {}", expiresAt);
    }

    private JsonNode mfa(String challengeId) {
        String method = credentials.mfaMethod() == null ? "totp" : credentials.mfaMethod();
        String code;
        if (method.equals("totp")) {
            code = totp();
        } else {
            PatientcoHttp.Answer sent = http.send(post("/api/v1/sessions/" + challengeId + "/mfa/send",
                    PatientcoHttp.json().put("method", method).toString()));
            check(sent);
            code = codeSource.code(method, Duration.ofMinutes(4));
        }
        PatientcoHttp.Answer a = verify(challengeId, method, code);
        if (method.equals("totp") && a.status() == 401 && "invalid_mfa_code".equals(a.errorCode())) {
            // The step's code was used elsewhere (another process, a node not sharing this database): the next one.
            LOG.info("Patientco refused the TOTP code as used; trying the next step's code");
            code = nextTotp();
            a = verify(challengeId, method, code);
        }
        check(a);
        return a.json();
    }

    private PatientcoHttp.Answer verify(String challengeId, String method, String code) {
        return http.send(post("/api/v1/sessions/" + challengeId + "/mfa",
                PatientcoHttp.json().put("method", method).put("code", code).toString()));
    }

    private String nextTotp() {
        try {
            Totp.waitForNextStep(clock);
            return Totp.fresh(credentials.totpSecret(), clock, totpSteps);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PatientcoHttpException(0, "interrupted", "Interrupted while waiting for a fresh TOTP step");
        }
    }

    /** RFC 6238 (SHA-1, 6 digits, 30 s); a code is never used twice, so wait for the next step if needed. */
    private String totp() {
        if (credentials.totpSecret() == null || credentials.totpSecret().isBlank()) {
            throw new PatientcoAuthException(401, "totp_secret_missing");
        }
        try {
            return Totp.fresh(credentials.totpSecret(), clock, totpSteps);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PatientcoHttpException(0, "interrupted", "Interrupted while waiting for a fresh TOTP step");
        }
    }

    private void check(PatientcoHttp.Answer a) {
        if (a.status() < 300) {
            return;
        }
        String code = a.errorCode();
        if (a.status() == 423 || code.equals("invalid_credentials") || code.equals("invalid_client")
                || code.equals("locked")) {
            refused = new PatientcoAuthException(a.status(), code);
            LOG.error("Patientco refused the login ({}); the bridge will not retry until restarted or reset", code);
            throw refused;
        }
        throw new PatientcoHttpException(a.status(), code, "Patientco login step failed: " + code);
    }

    private void accept(JsonNode n) {
        token = n.get("token").asText();
        refreshToken = n.path("refreshToken").asText(null);
        expiresAt = Instant.parse(n.get("expiresAt").asText());
        Duration life = Duration.between(clock.instant(), expiresAt);
        refreshAhead = life.dividedBy(4).compareTo(REFRESH_AHEAD) < 0 ? life.dividedBy(4) : REFRESH_AHEAD;
    }

    private PatientcoHttp.Request post(String path, String json) {
        return PatientcoHttp.Request.post(URI.create(baseUrl + path), "application/json", json);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
