package com.patientcobridge.patientco.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Reads the last code the sandbox "sent" from its outbox ({@code GET /sandbox/outbox}); for tests and demos. */
public final class HttpMfaCodeSource implements MfaCodeSource {

    private final String baseUrl;
    private final String username;
    private final HttpClient client = HttpClient.newHttpClient();

    public HttpMfaCodeSource(String baseUrl, String username) {
        this.baseUrl = baseUrl;
        this.username = username;
    }

    @Override
    public String code(String method, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/outbox?user="
                        + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8) + "&method=" + method))
                        .GET().build();
                String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
                String code = new ObjectMapper().readTree(body).path("code").asText(null);
                if (code != null && !code.equals("null")) {
                    return code;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the sandbox MFA outbox: " + e.getMessage());
        }
        throw new IllegalStateException("No " + method + " code in the sandbox outbox within " + timeout);
    }
}
