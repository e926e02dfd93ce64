package com.patientcobridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox against the contract's rules, over real HTTP. */
class SandboxContractTest {

    final List<SandboxServer> servers = new ArrayList<>();

    SandboxServer start(SandboxSettings s) {
        SandboxServer server = SandboxServer.start(s, 0);
        servers.add(server);
        return server;
    }

    SandboxServer start() {
        return start(SandboxSettings.defaults().withGuarantors(120));
    }

    @AfterEach
    void stop() {
        servers.forEach(SandboxServer::close);
    }

    @Test
    void passwordThenTotpGivesABearerTokenAndATotpCodeWorksOnce() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        SandboxSettings s = server.settings();
        HttpResponse<String> first = http.send("POST", "/api/v1/sessions",
                "{\"username\":\"" + s.username() + "\",\"password\":\"" + s.password() + "\"}");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(http.json(first).get("methods").toString()).contains("totp", "sms", "email");
        String code = SandboxHttp.totp(s.totpSecret(), Instant.now());
        HttpResponse<String> ok = http.send("POST", "/api/v1/sessions/" + http.json(first).get("challengeId").asText()
                + "/mfa", "{\"method\":\"totp\",\"code\":\"" + code + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(http.json(ok).get("token").asText()).isNotBlank();
        HttpResponse<String> again = http.send("POST", "/api/v1/sessions", "{\"username\":\"" + s.username()
                + "\",\"password\":\"" + s.password() + "\"}");
        HttpResponse<String> reused = http.send("POST", "/api/v1/sessions/" + http.json(again).get("challengeId").asText()
                + "/mfa", "{\"method\":\"totp\",\"code\":\"" + code + "\"}");
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(http.json(reused).get("code").asText()).isEqualTo("invalid_mfa_code");
    }

    @Test
    void smsCodeGoesToTheOutbox() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        SandboxSettings s = server.settings();
        String challenge = http.json(http.send("POST", "/api/v1/sessions", "{\"username\":\"" + s.username()
                + "\",\"password\":\"" + s.password() + "\"}")).get("challengeId").asText();
        assertThat(http.send("POST", "/api/v1/sessions/" + challenge + "/mfa/send", "{\"method\":\"sms\"}").statusCode())
                .isEqualTo(204);
        String code = server.outbox().latestCode(s.username(), "sms").orElseThrow();
        assertThat(http.send("POST", "/api/v1/sessions/" + challenge + "/mfa", "{\"method\":\"sms\",\"code\":\"" + code
                + "\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void fiveFailuresInARowLockTheUser() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String wrong = "{\"username\":\"" + server.settings().username() + "\",\"password\":\"nope\"}";
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = http.send("POST", "/api/v1/sessions", wrong);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(http.json(r).get("code").asText()).isEqualTo("invalid_credentials");
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(http.send("POST", "/api/v1/sessions", wrong).statusCode()).isEqualTo(423);
        HttpResponse<String> right = http.send("POST", "/api/v1/sessions", "{\"username\":\""
                + server.settings().username() + "\",\"password\":\"" + server.settings().password() + "\"}");
        assertThat(right.statusCode()).isEqualTo(423);
        assertThat(http.json(right).get("code").asText()).isEqualTo("locked");
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenDies() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        SandboxSettings s = server.settings();
        String challenge = http.json(http.send("POST", "/api/v1/sessions", "{\"username\":\"" + s.username()
                + "\",\"password\":\"" + s.password() + "\"}")).get("challengeId").asText();
        JsonNode token = http.json(http.send("POST", "/api/v1/sessions/" + challenge + "/mfa",
                "{\"method\":\"totp\",\"code\":\"" + SandboxHttp.totp(s.totpSecret(), Instant.now()) + "\"}"));
        String refresh = token.get("refreshToken").asText();
        HttpResponse<String> rotated = http.send("POST", "/api/v1/sessions/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(http.json(rotated).get("refreshToken").asText()).isNotEqualTo(refresh);
        HttpResponse<String> reused = http.send("POST", "/api/v1/sessions/refresh", "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(http.json(reused).get("code").asText()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void tokensExpireAndUnknownTokensAreUnauthorized() throws Exception {
        SandboxServer server = start(SandboxSettings.defaults().withGuarantors(20).withSessionLifetime(Duration.ZERO));
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String token = http.login(server.settings());
        HttpResponse<String> expired = http.send("GET", "/api/v1/accounts", null, "Authorization", "Bearer " + token);
        assertThat(http.json(expired).get("code").asText()).isEqualTo("session_expired");
        HttpResponse<String> unknown = http.send("GET", "/api/v1/accounts", null, "Authorization", "Bearer nope");
        assertThat(http.json(unknown).get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void cursorsReadEveryRecordOnceInUpdatedAtIdOrder() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        List<JsonNode> all = readAll(http, auth, "/api/v1/payments?limit=37");
        assertThat(all).hasSize(120 * 4);
        Set<String> ids = new HashSet<>();
        String previous = "";
        for (JsonNode p : all) {
            assertThat(ids.add(p.get("id").asText())).isTrue();
            String key = p.get("updatedAt").asText() + "|" + p.get("id").asText();
            assertThat(Instant.parse(p.get("updatedAt").asText())).isAfterOrEqualTo(
                    previous.isEmpty() ? Instant.EPOCH : Instant.parse(previous.split("\\|")[0]));
            previous = key;
        }
    }


    @Test
    void updatedSinceIsInclusiveAndCursorsCarryTheirQuery() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        JsonNode page = http.json(http.send("GET", "/api/v1/accounts?limit=10", null, "Authorization", auth));
        String since = page.get("data").get(5).get("updatedAt").asText();
        JsonNode from = http.json(http.send("GET", "/api/v1/accounts?limit=10&updatedSince=" + enc(since), null,
                "Authorization", auth));
        assertThat(from.get("data").get(0).get("updatedAt").asText()).isEqualTo(since);
        String cursor = page.get("nextCursor").asText();
        assertThat(http.send("GET", "/api/v1/accounts?limit=10&facilityId=fac_atl01&cursor=" + enc(cursor), null,
                "Authorization", auth).statusCode()).isEqualTo(400);
        assertThat(http.send("GET", "/api/v1/accounts?colour=blue", null, "Authorization", auth).statusCode())
                .isEqualTo(400);
        assertThat(http.send("GET", "/api/v1/accounts?limit=501", null, "Authorization", auth).statusCode())
                .isEqualTo(400);
    }

    @Test
    void idempotencyKeyReplaysRefusesAnotherBodyAndIsRequired() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        String body = "{\"accountId\":\"acc_000000007\",\"amount\":\"12.34\",\"paymentMethodToken\":\"tok_abc12345\","
                + "\"channel\":\"api\"}";
        HttpResponse<String> first = http.send("POST", "/api/v1/payments", body, "Authorization", auth,
                "Idempotency-Key", "k1");
        assertThat(first.statusCode()).isEqualTo(201);
        HttpResponse<String> replay = http.send("POST", "/api/v1/payments",
                "{ \"channel\":\"api\", \"paymentMethodToken\":\"tok_abc12345\", \"amount\":\"12.34\","
                        + "\"accountId\":\"acc_000000007\" }", "Authorization", auth, "Idempotency-Key", "k1");
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        HttpResponse<String> other = http.send("POST", "/api/v1/payments", body.replace("12.34", "12.35"),
                "Authorization", auth, "Idempotency-Key", "k1");
        assertThat(http.json(other).get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(http.send("POST", "/api/v1/payments", body, "Authorization", auth).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = http.send("POST", "/api/v1/payments", body.replace("acc_000000007", "acc_999999999"),
                "Authorization", auth, "Idempotency-Key", "k2");
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> negative = http.send("POST", "/api/v1/payments", body.replace("12.34", "-1.00"),
                "Authorization", auth, "Idempotency-Key", "k3");
        assertThat(negative.statusCode()).isEqualTo(422);
    }

    @Test
    void voidOnlyBeforeTheCutoffAndRefundsNeverAboveTheRest() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        HttpResponse<String> settledVoid = http.send("POST", "/api/v1/payments/pay_000000003/void", "{}",
                "Authorization", auth, "Idempotency-Key", "v1");
        assertThat(http.json(settledVoid).get("code").asText()).isEqualTo("already_settled");
        JsonNode payment = http.json(http.send("GET", "/api/v1/payments/pay_000000003", null, "Authorization", auth));
        BigDecimal amount = new BigDecimal(payment.get("amount").asText());
        HttpResponse<String> tooMuch = http.send("POST", "/api/v1/payments/pay_000000003/refunds",
                "{\"amount\":\"" + amount.add(new BigDecimal("0.01")) + "\",\"reason\":\"x\"}", "Authorization", auth,
                "Idempotency-Key", "r1");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        HttpResponse<String> partial = http.send("POST", "/api/v1/payments/pay_000000003/refunds",
                "{\"amount\":\"1.00\",\"reason\":\"x\"}", "Authorization", auth, "Idempotency-Key", "r2");
        assertThat(partial.statusCode()).isEqualTo(201);
        assertThat(http.json(partial).get("status").asText()).isEqualTo("pending");
        String created = http.json(http.send("POST", "/api/v1/payments", "{\"accountId\":\"acc_000000001\","
                + "\"amount\":\"5.00\",\"paymentMethodToken\":\"tok_x1234567\",\"channel\":\"api\"}", "Authorization", auth,
                "Idempotency-Key", "p1")).get("id").asText();
        HttpResponse<String> voided = http.send("POST", "/api/v1/payments/" + created + "/void", "{}", "Authorization",
                auth, "Idempotency-Key", "v2");
        assertThat(http.json(voided).get("status").asText()).isEqualTo("voided");
    }

    @Test
    void injectedFaultsAnswer429WithRetryAfterAnd5xx() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        HttpResponse<String> ok = http.send("GET", "/api/v1/facilities", null, "Authorization", auth);
        assertThat(ok.headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        server.faults().share429(1);
        HttpResponse<String> limited = http.send("GET", "/api/v1/facilities", null, "Authorization", auth);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        server.faults().share429(0).share5xx(1);
        assertThat(http.send("GET", "/api/v1/facilities", null, "Authorization", auth).statusCode()).isIn(500, 502, 503);
        server.faults().share5xx(0);
        assertThat(http.send("PUT", "/sandbox/faults", "{\"share429\":0.5}").statusCode()).isEqualTo(200);
        assertThat(server.faults().share429()).isEqualTo(0.5);
    }

    @Test
    void malformedRecordsAreTheSameOnEveryRead() throws Exception {
        SandboxServer server = start();
        server.faults().malformedShare(0.2);
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        String first = http.send("GET", "/api/v1/payments?limit=200", null, "Authorization", auth).body();
        String second = http.send("GET", "/api/v1/payments?limit=200", null, "Authorization", auth).body();
        assertThat(first).isEqualTo(second).contains("12,50").contains("teleported");
    }

    @Test
    void settlementInvariantsHoldAsDaysPassAndDepositedBatchesNeverChange() throws Exception {
        SandboxServer server = start();
        server.clock().advanceDays(9);
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        List<JsonNode> batches = readAll(http, auth, "/api/v1/settlements?limit=100");
        int deposited = 0;
        for (JsonNode b : batches) {
            List<JsonNode> items = readAll(http, auth, "/api/v1/settlements/" + b.get("id").asText() + "/items?limit=500");
            BigDecimal sum = items.stream().map(i -> new BigDecimal(i.get("amount").asText())).reduce(BigDecimal.ZERO,
                    BigDecimal::add);
            BigDecimal net = new BigDecimal(b.get("netAmount").asText());
            assertThat(sum).isEqualByComparingTo(net);
            assertThat(new BigDecimal(b.get("grossAmount").asText()).subtract(new BigDecimal(b.get("refundAmount").asText()))
                    .subtract(new BigDecimal(b.get("chargebackAmount").asText()))
                    .subtract(new BigDecimal(b.get("feeAmount").asText()))).isEqualByComparingTo(net);
            assertThat(items).hasSize(b.get("itemCount").asInt());
            deposited += b.get("status").asText().equals("deposited") ? 1 : 0;
        }
        assertThat(deposited).isGreaterThan(250);
        assertThat(batches.stream().anyMatch(b -> !b.get("refundAmount").asText().equals("0.00"))).isTrue();
        JsonNode one = batches.stream().filter(b -> b.get("status").asText().equals("deposited")).reduce((a, b) -> b)
                .orElseThrow();
        server.clock().advanceDays(3);
        JsonNode later = http.json(http.send("GET", "/api/v1/settlements/" + one.get("id").asText(), null,
                "Authorization", auth));
        assertThat(later).isEqualTo(one);
    }

    @Test
    void statementPdfsAreRealOnePagePdfsBehindSignedLinks() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        JsonNode statement = http.json(http.send("GET", "/api/v1/statements/stm_0000000051", null, "Authorization", auth));
        String url = statement.get("pdf").get("url").asText();
        String path = url.substring(server.baseUrl().length());
        HttpResponse<byte[]> pdf = http.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("stm_0000000051").contains(statement.get("amountDue").asText())
                    .contains(statement.get("lineItems").get(0).get("code").asText());
        }
        assertThat(http.send("GET", withSignatureTampered(path), null).statusCode()).isEqualTo(403);
        assertThat(http.send("GET", path.replaceAll("expires=\\d+", "expires=1000"), null).statusCode()).isEqualTo(403);
    }

    @Test
    void webhooksAreSignedAndRetriedWithBackoffUntilA2xx() throws Exception {
        SandboxServer server = start();
        server.webhooks().retryBase(Duration.ofMillis(20));
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        List<byte[]> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 8);
        receiver.createContext("/hooks", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String problem = com.patientcobridge.patientco.webhook.WebhookSignature.problem(
                    ex.getRequestHeaders().getFirst("Patientco-Signature"), body, "whsec_contract", Instant.now(),
                    Duration.ofMinutes(5));
            if (problem != null) {
                refused.add(problem);
            }
            // The first two deliveries of each event fail: the sender must come back.
            int status = calls.merge(SandboxHttp.JSON.readTree(body).path("id").asText(), 1, Integer::sum) <= 2 ? 503 : 200;
            bodies.add(status == 200 ? body : null);
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        try {
            String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            HttpResponse<String> bad = http.send("POST", "/api/v1/webhooks", "{\"url\":\"" + hooks
                    + "\",\"events\":[\"payment.teleported\"]}", "Authorization", auth);
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(http.send("POST", "/api/v1/webhooks", "{\"url\":\"" + hooks
                    + "\",\"events\":[\"payment.captured\"]}").statusCode()).isEqualTo(401);
            HttpResponse<String> made = http.send("POST", "/api/v1/webhooks", "{\"url\":\"" + hooks
                    + "\",\"events\":[\"settlement.closed\"],\"secret\":\"whsec_contract\"}", "Authorization", auth);
            assertThat(made.statusCode()).isEqualTo(201);
            String id = http.json(made).get("id").asText();
            assertThat(id).startsWith("whk_");
            assertThat(http.json(http.send("GET", "/api/v1/webhooks", null, "Authorization", auth)).get("data")
                    .toString()).contains(id).doesNotContain("whsec_contract");

            server.clock().advanceDays(1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.webhooks().inFlight() == 0);
            List<Webhooks.Attempt> attempts = server.webhooks().attempts();
            Webhooks.Attempt first = attempts.get(0);
            List<Webhooks.Attempt> ofFirst = attempts.stream().filter(a -> a.eventId().equals(first.eventId())).toList();
            assertThat(ofFirst).extracting(Webhooks.Attempt::status).containsExactly(503, 503, 200);
            assertThat(ofFirst.get(1).at()).isAfterOrEqualTo(ofFirst.get(0).at().plusMillis(20));
            assertThat(ofFirst.get(2).at()).isAfterOrEqualTo(ofFirst.get(1).at().plusMillis(40));
            assertThat(attempts).extracting(Webhooks.Attempt::status).containsOnly(503, 200);
            assertThat(refused).isEmpty();
            List<JsonNode> delivered = new ArrayList<>();
            for (byte[] b : bodies) {
                if (b != null) {
                    delivered.add(SandboxHttp.JSON.readTree(b));
                }
            }
            assertThat(delivered).isNotEmpty().allSatisfy(e -> {
                assertThat(e.get("id").asText()).startsWith("evt_");
                assertThat(e.get("type").asText()).isEqualTo("settlement.closed");
                assertThat(e.get("data").get("status").asText()).isEqualTo("closed");
                assertThat(e.get("data").get("id").asText()).startsWith("stl_");
            });

            assertThat(http.send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", auth).statusCode())
                    .isEqualTo(204);
            assertThat(http.send("DELETE", "/api/v1/webhooks/" + id, null, "Authorization", auth).statusCode())
                    .isEqualTo(404);
            int before = server.webhooks().attempts().size();
            server.clock().advanceDays(1);
            assertThat(server.webhooks().inFlight()).isZero();
            assertThat(server.webhooks().attempts()).hasSize(before);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aSubscriptionWithoutASecretGetsOneShownOnce() throws Exception {
        SandboxServer server = start();
        SandboxHttp http = new SandboxHttp(server.baseUrl());
        String auth = "Bearer " + http.login(server.settings());
        JsonNode made = http.json(http.send("POST", "/api/v1/webhooks",
                "{\"url\":\"https://ehr.example.org/hooks\",\"events\":[\"refund.completed\"]}", "Authorization", auth));
        assertThat(made.get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(30);
        assertThat(http.json(http.send("GET", "/api/v1/webhooks", null, "Authorization", auth)).toString())
                .doesNotContain(made.get("secret").asText());
    }

    /** Changes the signature's first character to a different one (replacing it with a fixed digit would
     *  leave one link in sixteen untouched). */
    private static String withSignatureTampered(String path) {
        int at = path.indexOf("signature=") + "signature=".length();
        char first = path.charAt(at);
        return path.substring(0, at) + (first == '0' ? '1' : '0') + path.substring(at + 1);
    }

    @Test
    void sameSeedSameBytes() throws Exception {
        SandboxServer a = start(SandboxSettings.defaults().withSeed(7).withGuarantors(60));
        SandboxServer b = start(SandboxSettings.defaults().withSeed(7).withGuarantors(60));
        a.clock().advanceDays(4);
        b.clock().advanceDays(4);
        SandboxHttp ha = new SandboxHttp(a.baseUrl());
        SandboxHttp hb = new SandboxHttp(b.baseUrl());
        String authA = "Bearer " + ha.login(a.settings());
        String authB = "Bearer " + hb.login(b.settings());
        for (String path : List.of("/api/v1/accounts?limit=500", "/api/v1/payments?limit=500",
                "/api/v1/refunds?limit=500", "/api/v1/settlements?limit=500")) {
            assertThat(readAll(ha, authA, path).toString()).isEqualTo(readAll(hb, authB, path).toString());
        }
    }

    static List<JsonNode> readAll(SandboxHttp http, String auth, String first) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = first + (cursor == null ? "" : "&cursor=" + enc(cursor));
            HttpResponse<String> r = http.send("GET", path, null, "Authorization", auth);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            JsonNode page = http.json(r);
            page.get("data").forEach(all::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return all;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
