package com.patientcobridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.patientcobridge.contract.ContractValidator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the sandbox over real HTTP, each answer (status, headers, body) checked against
 * the project's OpenAPI copy of the contract, so the sandbox and the document cannot drift apart.
 */
class SandboxOpenApiTest {

    static final ContractValidator CONTRACT = ContractValidator.load();
    static final List<String> LISTS = List.of("accounts", "statements", "payments", "refunds", "chargebacks",
            "settlements", "payment-plans", "communications");
    static final String PAYMENT = "{\"accountId\":\"acc_000000007\",\"amount\":\"12.34\","
            + "\"paymentMethodToken\":\"tok_abc12345\",\"channel\":\"api\"}";

    SandboxServer server;
    SandboxHttp http;
    String auth;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(SandboxSettings.defaults().withGuarantors(120), 0);
        http = new SandboxHttp(server.baseUrl());
        auth = "Bearer " + http.login(server.settings());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theDocumentDescribesEveryEndpointOfTheContract() {
        assertThat(CONTRACT.operations()).containsExactlyInAnyOrder("POST /api/v1/sessions",
                "POST /api/v1/sessions/{challengeId}/mfa/send", "POST /api/v1/sessions/{challengeId}/mfa",
                "POST /api/v1/sessions/refresh", "DELETE /api/v1/sessions/current", "POST /oauth/token",
                "GET /api/v1/facilities", "GET /api/v1/accounts", "GET /api/v1/accounts/{id}",
                "GET /api/v1/statements", "GET /api/v1/statements/{id}", "GET /api/v1/payments",
                "GET /api/v1/payments/{id}", "POST /api/v1/payments", "POST /api/v1/payments/{id}/void",
                "POST /api/v1/payments/{id}/refunds", "GET /api/v1/refunds", "GET /api/v1/refunds/{id}",
                "GET /api/v1/chargebacks", "GET /api/v1/chargebacks/{id}", "GET /api/v1/settlements",
                "GET /api/v1/settlements/{id}", "GET /api/v1/settlements/{id}/items", "GET /api/v1/payment-plans",
                "GET /api/v1/payment-plans/{id}", "GET /api/v1/communications", "GET /api/v1/communications/{id}",
                "POST /api/v1/webhooks", "GET /api/v1/webhooks", "DELETE /api/v1/webhooks/{id}");
    }

    @Test
    void sessionAnswersConformToTheContract() throws Exception {
        // The setup's TOTP code is spent for this step: these logins use SMS codes from the outbox.
        String challenge = challenge();
        expect(400, "POST", "/api/v1/sessions/" + challenge + "/mfa/send", "{\"method\":\"pigeon\"}");
        expect(204, "POST", "/api/v1/sessions/" + challenge + "/mfa/send", "{\"method\":\"sms\"}");
        String code = server.outbox().latestCode(server.settings().username(), "sms").orElseThrow();
        String wrong = (code.charAt(0) == '0' ? "1" : "0") + code.substring(1);
        assertThat(code(expect(401, "POST", "/api/v1/sessions/" + challenge + "/mfa", mfa(wrong))))
                .isEqualTo("invalid_mfa_code");
        JsonNode session = http.json(expect(200, "POST", "/api/v1/sessions/" + challenge + "/mfa", mfa(code)));
        assertThat(code(expect(401, "POST", "/api/v1/sessions/" + challenge + "/mfa", mfa(code))))
                .isEqualTo("challenge_expired");
        String refresh = "{\"refreshToken\":\"" + session.get("refreshToken").asText() + "\"}";
        String token = http.json(expect(200, "POST", "/api/v1/sessions/refresh", refresh)).get("token").asText();
        assertThat(code(expect(401, "POST", "/api/v1/sessions/refresh", refresh))).isEqualTo("invalid_refresh_token");
        assertThat(code(expect(400, "POST", "/api/v1/sessions/refresh", "not json"))).isEqualTo("invalid_body");
        expect(204, "DELETE", "/api/v1/sessions/current", null, "Authorization", "Bearer " + token);
        assertThat(code(expect(401, "GET", "/api/v1/facilities", null, "Authorization", "Bearer " + token)))
                .isEqualTo("session_expired");
        assertThat(code(expect(401, "DELETE", "/api/v1/sessions/current", null))).isEqualTo("unauthorized");
        // Another user, so the lock-out leaves the test's own user alone.
        String stranger = "{\"username\":\"someone-else\",\"password\":\"nope\"}";
        for (int i = 0; i < 4; i++) {
            assertThat(code(expect(401, "POST", "/api/v1/sessions", stranger))).isEqualTo("invalid_credentials");
        }
        assertThat(code(expect(423, "POST", "/api/v1/sessions", stranger))).isEqualTo("locked");
        SandboxSettings s = server.settings();
        checked(http.form("/oauth/token", "grant_type=client_credentials&client_id=" + s.clientId()
                + "&client_secret=" + s.clientSecret()), 200);
        assertThat(code(checked(http.form("/oauth/token", "grant_type=client_credentials&client_id=" + s.clientId()
                + "&client_secret=wrong"), 401))).isEqualTo("invalid_client");
        assertThat(code(checked(http.form("/oauth/token", "grant_type=password"), 400)))
                .isEqualTo("unsupported_grant_type");
    }

    @Test
    void everyRecordOnTheFirstPagesOfEveryListConforms() throws Exception {
        // Days on the clock bring refunds, chargebacks, voided payments and closed batches, and (with this
        // seed, from the eighth day) failed payments, whose capturedAt is null; a payment taken now opens
        // today's batch.
        server.clock().advanceDays(8);
        String open = http.json(write(201, "/api/v1/payments", PAYMENT, "p1")).get("settlementBatchId").asText();
        String start = enc(server.settings().start().toString());
        expect(200, "GET", "/api/v1/facilities?limit=10", null, "Authorization", auth);
        for (String list : LISTS) {
            List<JsonNode> records = pages("/api/v1/" + list + "?limit=40", 3);
            records.addAll(pages("/api/v1/" + list + "?limit=40&updatedSince=" + start, 3));
            assertThat(records).as(list).isNotEmpty();
            get(200, "/api/v1/" + list + "/" + records.get(0).get("id").asText());
            get(200, "/api/v1/" + list + "/" + records.get(records.size() - 1).get("id").asText());
        }
        get(200, "/api/v1/accounts?facilityId=fac_atl01&limit=5");
        get(200, "/api/v1/statements?accountId=acc_000000007");
        get(200, "/api/v1/payments?accountId=acc_000000007&status=settled");
        assertThat(pages("/api/v1/payments?status=failed&limit=100&updatedSince=" + start, 5)).isNotEmpty();
        get(200, "/api/v1/settlements?facilityId=fac_sav03&limit=5&updatedSince=" + start);
        assertThat(http.json(get(200, "/api/v1/settlements/" + open)).get("status").asText()).isEqualTo("open");
        assertThat(pages("/api/v1/settlements/" + open + "/items?limit=5", 3)).isNotEmpty();
        String closed = pages("/api/v1/settlements?limit=100&updatedSince=" + start, 3).stream()
                .filter(b -> b.get("status").asText().equals("closed")).findFirst().orElseThrow().get("id").asText();
        assertThat(pages("/api/v1/settlements/" + closed + "/items?limit=25", 3)).isNotEmpty();
        assertThat(pages("/api/v1/settlements/stl_atl01_20260804/items?limit=25", 3)).isNotEmpty();
    }

    @Test
    void readErrorsConformToTheContract() throws Exception {
        for (String unknown : List.of("accounts/acc_999999999", "statements/stm_9999999999", "payments/pay_999999999",
                "refunds/ref_n999999999", "chargebacks/cbk_n999999999", "settlements/stl_atl01_19990101",
                "payment-plans/pln_999999999", "communications/com_9999999999", "accounts/pay_000000001",
                "settlements/stl_nope/items")) {
            assertThat(code(get(404, "/api/v1/" + unknown))).isEqualTo("not_found");
        }
        String cursor = http.json(get(200, "/api/v1/accounts?limit=2")).get("nextCursor").asText();
        for (String bad : List.of("accounts?colour=blue", "accounts?limit=0", "accounts?limit=501",
                "payments?updatedSince=yesterday", "accounts/acc_000000001?expand=guarantor", "facilities?cursor=x",
                "settlements/stl_atl01_20260804/items?updatedSince=2026-01-01T00:00:00Z")) {
            assertThat(code(get(400, "/api/v1/" + bad))).isEqualTo("invalid_parameter");
        }
        assertThat(code(get(400, "/api/v1/accounts?limit=2&facilityId=fac_atl01&cursor=" + enc(cursor))))
                .isEqualTo("invalid_cursor");
        assertThat(code(get(400, "/api/v1/payments?cursor=garbage"))).isEqualTo("invalid_cursor");
        assertThat(code(expect(401, "GET", "/api/v1/payments", null))).isEqualTo("unauthorized");
        assertThat(code(expect(401, "GET", "/api/v1/payments/pay_000000001", null, "Authorization", "Bearer nope")))
                .isEqualTo("unauthorized");
        server.sessions().lifetime(Duration.ZERO);
        String expired = "Bearer " + http.json(expect(200, "POST", "/api/v1/sessions/" + smsSent() + "/mfa",
                mfa(server.outbox().latestCode(server.settings().username(), "sms").orElseThrow()))).get("token").asText();
        assertThat(code(expect(401, "GET", "/api/v1/refunds", null, "Authorization", expired)))
                .isEqualTo("session_expired");
    }

    @Test
    void writeAnswersAndTheirErrorsConformToTheContract() throws Exception {
        JsonNode created = http.json(write(201, "/api/v1/payments", PAYMENT, "p1"));
        HttpResponse<String> replay = write(201, "/api/v1/payments", PAYMENT, "p1");
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(code(write(409, "/api/v1/payments", PAYMENT.replace("12.34", "12.35"), "p1")))
                .isEqualTo("idempotency_key_reused");
        assertThat(code(expect(400, "POST", "/api/v1/payments", PAYMENT, "Authorization", auth)))
                .isEqualTo("idempotency_key_missing");
        assertThat(code(write(400, "/api/v1/payments", "not json", "p2"))).isEqualTo("invalid_body");
        assertThat(code(write(404, "/api/v1/payments", PAYMENT.replace("acc_000000007", "acc_999999999"), "p3")))
                .isEqualTo("not_found");
        assertThat(write(404, "/api/v1/payments", PAYMENT.replace("acc_000000007", "acc_999999999"), "p3").headers()
                .firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(code(write(422, "/api/v1/payments", PAYMENT.replace("12.34", "0.00"), "p4"))).isEqualTo("invalid_amount");
        assertThat(code(write(422, "/api/v1/payments", PAYMENT.replace("\"12.34\"", "12.34"), "p5")))
                .isEqualTo("invalid_amount");
        assertThat(code(write(422, "/api/v1/payments", PAYMENT.replace("tok_", "pan_"), "p6")))
                .isEqualTo("invalid_payment_method");
        assertThat(code(write(422, "/api/v1/payments", "{\"amount\":\"1.00\"}", "p7"))).isEqualTo("invalid_request");
        String id = created.get("id").asText();
        assertThat(http.json(write(200, "/api/v1/payments/" + id + "/void", "{}", "v1")).get("status").asText())
                .isEqualTo("voided");
        write(200, "/api/v1/payments/" + id + "/void", null, "v2");
        assertThat(code(write(409, "/api/v1/payments/pay_000000003/void", "{}", "v3"))).isEqualTo("already_settled");
        assertThat(code(write(404, "/api/v1/payments/pay_999999999/void", "{}", "v4"))).isEqualTo("not_found");
        assertThat(http.json(write(201, "/api/v1/payments/pay_000000003/refunds", "{\"amount\":\"1.00\",\"reason\":\"x\"}",
                "r1")).get("status").asText()).isEqualTo("pending");
        assertThat(code(write(422, "/api/v1/payments/pay_000000003/refunds", "{\"amount\":\"999999.00\"}", "r2")))
                .isEqualTo("invalid_amount");
        assertThat(code(write(409, "/api/v1/payments/" + id + "/refunds", "{\"amount\":\"1.00\"}", "r3")))
                .isEqualTo("not_refundable");
        assertThat(code(write(404, "/api/v1/payments/pay_999999999/refunds", "{\"amount\":\"1.00\"}", "r4")))
                .isEqualTo("not_found");
        assertThat(code(expect(401, "POST", "/api/v1/payments", PAYMENT, "Idempotency-Key", "p8")))
                .isEqualTo("unauthorized");
    }

    @Test
    void webhookSubscriptionsAndTheEventsDeliveredConformToTheContract() throws Exception {
        List<String[]> deliveries = Collections.synchronizedList(new ArrayList<>());   // signature, body
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        receiver.createContext("/hooks", ex -> {
            deliveries.add(new String[] {ex.getRequestHeaders().getFirst("Patientco-Signature"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            post(201, "/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":" + SandboxHttp.JSON.writeValueAsString(
                    Webhooks.TYPES) + ",\"secret\":\"whsec_openapi_test\"}");
            String other = "{\"url\":\"https://ehr.example.org/hooks\",\"events\":[\"refund.completed\"]}";
            JsonNode made = http.json(post(201, "/api/v1/webhooks", other));
            assertThat(made.get("secret").asText()).startsWith("whsec_");
            assertThat(http.json(get(200, "/api/v1/webhooks")).get("data")).hasSize(2);
            assertThat(code(get(400, "/api/v1/webhooks?limit=10"))).isEqualTo("invalid_parameter");
            assertThat(code(post(422, "/api/v1/webhooks", other.replace("refund.completed", "refund.teleported"))))
                    .isEqualTo("invalid_events");
            assertThat(code(post(422, "/api/v1/webhooks", other.replace("https://", "ftp://")))).isEqualTo("invalid_url");
            assertThat(code(post(400, "/api/v1/webhooks", "[]"))).isEqualTo("invalid_body");
            assertThat(code(expect(401, "POST", "/api/v1/webhooks", other))).isEqualTo("unauthorized");
            expect(204, "DELETE", "/api/v1/webhooks/" + made.get("id").asText(), null, "Authorization", auth);
            assertThat(code(expect(404, "DELETE", "/api/v1/webhooks/" + made.get("id").asText(), null,
                    "Authorization", auth))).isEqualTo("not_found");

            server.clock().advanceDays(2);
            write(201, "/api/v1/payments", PAYMENT, "p1");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.webhooks().inFlight() == 0);
            Set<String> types = new TreeSet<>();
            for (String[] delivery : deliveries) {
                JsonNode event = SandboxHttp.JSON.readTree(delivery[1]);
                assertThat(CONTRACT.schemaProblems("WebhookEvent", event)).as(delivery[1]).isEmpty();
                assertThat(CONTRACT.schemaProblems("PatientcoSignature", TextNode.valueOf(delivery[0]))).isEmpty();
                types.add(event.get("type").asText());
            }
            assertThat(types).contains("payment.captured", "settlement.closed", "settlement.deposited");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void rateLimitedAndTransientAnswersConformToTheContract() throws Exception {
        server.faults().share429(1);
        assertThat(code(get(429, "/api/v1/accounts"))).isEqualTo("rate_limited");
        assertThat(code(write(429, "/api/v1/payments", PAYMENT, "p1"))).isEqualTo("rate_limited");
        server.faults().share429(0).share5xx(1);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = http.send("GET", "/api/v1/payments/pay_000000001", null, "Authorization", auth);
            assertThat(r.statusCode()).isIn(500, 502, 503);
            assertThat(CONTRACT.problems(r)).isEmpty();
        }
    }

    @Test
    void aDriftedBodyIsReported() throws Exception {
        HttpResponse<String> r = get(200, "/api/v1/payments/pay_000000003");
        ObjectNode drifted = (ObjectNode) http.json(r);
        drifted.put("amount", 12.5);
        assertThat(CONTRACT.problems("GET", "/api/v1/payments/pay_000000003", 200, name -> r.headers().firstValue(name),
                drifted.toString())).singleElement(InstanceOfAssertFactories.STRING).contains("/amount");
    }

    @Test
    void theSandboxsMalformedRecordsAreReportedOnePerRecordAtLeast() throws Exception {
        server.faults().malformedShare(1);
        HttpResponse<String> r = http.send("GET", "/api/v1/payments?limit=20", null, "Authorization", auth);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(CONTRACT.problems(r)).hasSizeGreaterThanOrEqualTo(20);
    }

    // ---- helpers ----

    /** Sends, checks the answer's status, and checks the answer against the contract. */
    HttpResponse<String> expect(int status, String method, String path, String body, String... headers)
            throws Exception {
        return checked(http.send(method, path, body, headers), status);
    }

    static HttpResponse<String> checked(HttpResponse<String> r, int status) {
        String call = r.request().method() + " " + r.uri();
        assertThat(r.statusCode()).as(call + " answered " + r.body()).isEqualTo(status);
        assertThat(CONTRACT.problems(r)).as(call).isEmpty();
        return r;
    }

    HttpResponse<String> get(int status, String path) throws Exception {
        return expect(status, "GET", path, null, "Authorization", auth);
    }

    HttpResponse<String> post(int status, String path, String body) throws Exception {
        return expect(status, "POST", path, body, "Authorization", auth);
    }

    HttpResponse<String> write(int status, String path, String body, String key) throws Exception {
        return expect(status, "POST", path, body, "Authorization", auth, "Idempotency-Key", key);
    }

    /** The records of up to {@code max} pages, each page checked against the contract on the way. */
    List<JsonNode> pages(String first, int max) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < max && (page == 0 || cursor != null); page++) {
            JsonNode body = http.json(get(200, first + (cursor == null ? "" : "&cursor=" + enc(cursor))));
            body.get("data").forEach(records::add);
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
        }
        return records;
    }

    String challenge() throws Exception {
        SandboxSettings s = server.settings();
        return http.json(expect(202, "POST", "/api/v1/sessions", "{\"username\":\"" + s.username()
                + "\",\"password\":\"" + s.password() + "\"}")).get("challengeId").asText();
    }

    /** A challenge whose SMS code has been sent to the outbox. */
    String smsSent() throws Exception {
        String challenge = challenge();
        expect(204, "POST", "/api/v1/sessions/" + challenge + "/mfa/send", "{\"method\":\"sms\"}");
        return challenge;
    }

    static String mfa(String code) {
        return "{\"method\":\"sms\",\"code\":\"" + code + "\"}";
    }

    String code(HttpResponse<String> r) throws Exception {
        return http.json(r).path("code").asText();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
