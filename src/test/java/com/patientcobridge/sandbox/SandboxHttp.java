package com.patientcobridge.sandbox;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** A bare HTTP client for contract tests: the sandbox over real HTTP, no bridge code in between. */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newHttpClient();
    final String base;

    SandboxHttp(String base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of an {@code application/x-www-form-urlencoded} body ({@code /oauth/token}). */
    HttpResponse<String> form(String path, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** Logs in with password and TOTP and returns a bearer token. */
    String login(SandboxSettings s) throws Exception {
        JsonNode challenge = json(send("POST", "/api/v1/sessions",
                "{\"username\":\"" + s.username() + "\",\"password\":\"" + s.password() + "\"}"));
        String code = totp(s.totpSecret(), Instant.now());
        JsonNode token = json(send("POST", "/api/v1/sessions/" + challenge.get("challengeId").asText() + "/mfa",
                "{\"method\":\"totp\",\"code\":\"" + code + "\"}"));
        return token.get("token").asText();
    }

    static String totp(String secret, Instant at) throws Exception {
        return String.format("%06d", new TimeBasedOneTimePasswordGenerator()
                .generateOneTimePassword(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), at));
    }
}
