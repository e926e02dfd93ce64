package com.patientcobridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.BridgeSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations API as a careless or hostile caller meets it: bad input gets 400 with the reason,
 * an unknown id 404, never a 500; a cookie session is CSRF-checked whatever other header it sends;
 * the pages carry a Content-Security-Policy, a Referrer-Policy and SameSite=Strict cookies.
 */
@BridgeSpringTest
class OpsApiTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        registry.add("bridge.ops.users[0].username", () -> "olivia");
        registry.add("bridge.ops.users[0].password-hash", () -> new BCryptPasswordEncoder().encode("operator-pw"));
        registry.add("bridge.ops.users[0].role", () -> "operator");
    }

    final HttpClient basic = HttpClient.newHttpClient();

    HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("olivia:operator-pw"
                        .getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return basic.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badInputIsAnswered400WithItsReasonAndUnknownIds404() throws Exception {
        assertThat(call("POST", "/ops/api/dead-letters/987654/replay")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("no dead letter 987654");
        });
        assertThat(call("POST", "/ops/api/dead-letters/987654/resolve?note=x").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/ops/api/dead-letters/abc/replay")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("'id' must be a whole number");
        });
        assertThat(call("GET", "/ops/api/runs?limit=-1")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("'limit' must be between 1 and 500");
        });
        assertThat(call("GET", "/ops/api/reconciliation?depositDate=2026-13-45")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("YYYY-MM-DD");
        });
        assertThat(call("GET", "/ops/api/reconciliation").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/ops/api/dead-letters?status=open,gone")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("gone");
        });
        assertThat(call("GET", "/ops/api/dead-letters?status=open,waiting").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/ops/api/dead-letters/1/resolve")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("parameter 'note' is required");
        });
        assertThat(call("POST", "/ops/api/jobs/payments/run?backfillFrom=yesterday").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/ops/api/jobs/nosuchjob/run").statusCode()).isEqualTo(404);
    }

    @Test
    void aCookieSessionIsCsrfCheckedWhateverAuthorizationHeaderItSends() throws Exception {
        String base = "http://localhost:" + port;
        FormLogin form = FormLogin.as(base, "olivia", "operator-pw");
        HttpClient browser = form.client;
        HttpResponse<String> login = form.response;
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=")
                .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("HttpOnly"));

        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create(base + "/ops/api/jobs/payments/run"))
                .header("Authorization", "Bearer anything").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/ops/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }
}
