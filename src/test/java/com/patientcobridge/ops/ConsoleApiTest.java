package com.patientcobridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.hl7.delivery.DeliveryControl;
import com.patientcobridge.schedule.Jobs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's API by role: keyset paging that returns every message once, in order, whatever
 * the page size; filters; a viewer's masked, unaudited view and the operator's audited one; what a
 * viewer may not ask; pause; a form login's session timeout; a user's own password; failed logins
 * slowed, locked and audited.
 */
@BridgeSpringTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleApiTest {

    @LocalServerPort int port;
    @Autowired Jobs jobs;
    @Autowired JdbcTemplate jdbc;
    @Autowired DeliveryControl control;
    @Autowired ServletWebServerApplicationContext server;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        String[][] users = {{"olivia", "operator-pw", "operator"}, {"victor", "viewer-pw", "viewer"},
                {"pat", "first-password", "viewer"}};
        for (int i = 0; i < users.length; i++) {
            String[] u = users[i];
            registry.add("bridge.ops.users[" + i + "].username", () -> u[0]);
            registry.add("bridge.ops.users[" + i + "].password-hash", () -> new BCryptPasswordEncoder().encode(u[1]));
            registry.add("bridge.ops.users[" + i + "].role", () -> u[2]);
        }
        registry.add("bridge.ops.login.free-failures", () -> "3");
        registry.add("bridge.ops.login.lockout-failures", () -> "5");
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> call(String user, String password, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String user, String password, String path) throws Exception {
        HttpResponse<String> r = call(user, password, "GET", path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private void synced() {
        if (count("SELECT count(*) FROM bridge.outbox") == 0) {
            jobs.run("accounts", "manual", null);
            jobs.run("payments", "manual", null);
        }
        new ConsoleBrowserTest.WebDriverWaitless(java.time.Duration.ofSeconds(60)).until(() ->
                count("SELECT count(*) FROM bridge.outbox WHERE status IN ('pending', 'sent')") == 0);
    }

    @Test
    @Order(1)
    void pagingReturnsEveryMessageOnceInOrderAndFiltersHold() throws Exception {
        synced();
        List<Long> expected = jdbc.queryForList("SELECT id FROM bridge.outbox ORDER BY created_at DESC, id DESC",
                Long.class);
        assertThat(expected).hasSizeGreaterThan(100);
        List<Long> paged = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = get("victor", "viewer-pw", "/ops/api/messages?limit=37"
                    + (after == null ? "" : "&after=" + after));
            page.get("rows").forEach(r -> paged.add(r.get("id").asLong()));
            assertThat(page.toString()).doesNotContain("\"body\"").doesNotContain("MSH|");
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        assertThat(paged).containsExactlyElementsOf(expected);

        // The account of an acknowledged payment: not every account has a payment, and other tests add rows.
        Map<String, Object> payment = jdbc.queryForMap("SELECT a AS account, (created_at AT TIME ZONE 'UTC')::date::text "
                + "AS day FROM bridge.outbox, unnest(patientco_ids) a WHERE a LIKE 'acc%' AND message_type = 'DFT^P03' "
                + "AND status = 'acked' ORDER BY id LIMIT 1");
        String account = (String) payment.get("account");
        String day = (String) payment.get("day");
        JsonNode ofAccount = get("victor", "viewer-pw", "/ops/api/messages?type=" + URLEncoder.encode("DFT^P03",
                StandardCharsets.UTF_8) + "&account=" + account + "&outcome=acked&from=" + day + "&to=" + day);
        assertThat(ofAccount.get("rows")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("message_type").asText()).isEqualTo("DFT^P03");
            assertThat(r.get("patientco_ids").asText()).contains(account);
            assertThat(r.get("outcome").asText()).isEqualTo("acked");
        });
        assertThat(ofAccount.get("rows").size()).isEqualTo(count("SELECT count(*) FROM bridge.outbox WHERE "
                + "message_type = 'DFT^P03' AND status = 'acked' AND '" + account + "' = ANY (patientco_ids) "
                + "AND (created_at AT TIME ZONE 'UTC')::date = '" + day + "'"));
        String facility = jdbc.queryForObject("SELECT facility FROM bridge.outbox WHERE message_type = 'DFT^P03' "
                + "ORDER BY id LIMIT 1", String.class);
        assertThat(facility).as("the facility of the payment's account").startsWith("fac");
        JsonNode ofFacility = get("victor", "viewer-pw", "/ops/api/messages?limit=500&facility=" + facility);
        assertThat(ofFacility.get("rows")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("facility").asText()).isEqualTo(facility));
        // ADT rows are found by the event they were built as (MSH-9), not the outbox's plain 'ADT'.
        assertThat(count("SELECT count(*) FROM bridge.outbox WHERE message_type = 'ADT' AND status = 'acked' "
                + "AND event_type IS NULL")).isZero();
        String event = jdbc.queryForObject("SELECT event_type FROM bridge.outbox WHERE message_type = 'ADT' "
                + "AND status = 'acked' ORDER BY id LIMIT 1", String.class);
        assertThat(event).matches("ADT\\^A\\d\\d");
        JsonNode ofEvent = get("victor", "viewer-pw", "/ops/api/messages?limit=500&type="
                + URLEncoder.encode(event, StandardCharsets.UTF_8));
        assertThat(ofEvent.get("rows")).hasSize((int) Math.min(500, count("SELECT count(*) FROM bridge.outbox "
                + "WHERE event_type = '" + event + "'"))).allSatisfy(r ->
                        assertThat(r.get("message_type").asText()).isEqualTo(event));
        long one = ofEvent.get("rows").get(0).get("id").asLong();
        assertThat(jdbc.queryForObject("SELECT body FROM bridge.message_store WHERE outbox_id = ? ORDER BY id LIMIT 1",
                String.class, one).split("\r")[0]).contains("|" + event + "^");
        assertThat(get("victor", "viewer-pw", "/ops/api/messages?from=2001-01-01&to=2001-01-31").get("rows")).isEmpty();
        assertThat(call("victor", "viewer-pw", "GET", "/ops/api/messages?outcome=lost", null).body())
                .contains("outcome must be one of");
        assertThat(call("victor", "viewer-pw", "GET", "/ops/api/messages?after=zzz", null).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(2)
    void aViewerSeesMaskedFieldsUnauditedAnOperatorTheWholeMessageAudited() throws Exception {
        synced();
        long id = jdbc.queryForObject("SELECT outbox_id FROM bridge.message_store WHERE message_type = 'DFT^P03' "
                + "ORDER BY id LIMIT 1", Long.class);
        String body = jdbc.queryForObject("SELECT body FROM bridge.message_store WHERE outbox_id = ?", String.class, id);
        String name = body.split("\r")[2].split("\\|")[5];
        long audited = count("SELECT count(*) FROM bridge.audit WHERE action = 'view-message'");

        JsonNode masked = get("victor", "viewer-pw", "/ops/api/messages/" + id);
        assertThat(masked.get("masked").asBoolean()).isTrue();
        assertThat(masked.has("text")).isFalse();
        assertThat(masked.toString()).doesNotContain(name);
        assertThat(count("SELECT count(*) FROM bridge.audit WHERE action = 'view-message'")).isEqualTo(audited);
        assertThat(call("victor", "viewer-pw", "GET", "/ops/api/messages?text=Smith", null).statusCode()).isEqualTo(403);
        assertThat(call("victor", "viewer-pw", "POST", "/ops/api/messages/" + id + "/resend", null).statusCode())
                .isEqualTo(403);

        JsonNode whole = get("olivia", "operator-pw", "/ops/api/messages/" + id);
        assertThat(whole.get("text").asText()).contains(name);
        assertThat(whole.get("sends").get(0).get("ackCode").asText()).isEqualTo("AA");
        assertThat(jdbc.queryForObject("SELECT actor FROM bridge.audit WHERE action = 'view-message' AND target = ?",
                String.class, "message:" + id)).isEqualTo("olivia");
        String word = name.split("\\^")[0];
        assertThat(get("olivia", "operator-pw", "/ops/api/messages?text=" + URLEncoder.encode(word,
                StandardCharsets.UTF_8)).get("rows")).isNotEmpty();

        // What cannot be resent says why; the audit log hides an edit's before and after from a viewer.
        long pending = jdbc.queryForObject("INSERT INTO bridge.outbox (event_key, flow, message_type, order_key, lane, "
                + "msh10, event_json, status) VALUES ('k', 'payments', 'DFT^P03', 'gua_x', 0, 'PCBX1', '{}', "
                + "'needs_linkage') RETURNING id", Long.class);
        assertThat(call("olivia", "operator-pw", "POST", "/ops/api/messages/" + pending + "/resend", null).body())
                .contains("only an acknowledged message");
        assertThat(call("olivia", "operator-pw", "POST", "/ops/api/messages/987654/resend", null).statusCode())
                .isEqualTo(404);
        jdbc.update("INSERT INTO bridge.audit (actor, action, target, before, after) VALUES ('olivia', 'edit', "
                + "'dead_letter:1', '{\"PID-5\":\"DOE^JANE\"}', '{\"PID-5\":\"DOE^JANET\"}')");
        assertThat(get("victor", "viewer-pw", "/ops/api/audit?action=edit").toString()).doesNotContain("DOE^JANE");
        assertThat(get("olivia", "operator-pw", "/ops/api/audit?action=edit").toString()).contains("DOE^JANET");
    }

    @Test
    @Order(3)
    void pauseStopsTheLanesAndResumeStartsThemAudited() throws Exception {
        assertThat(call("victor", "viewer-pw", "POST", "/ops/api/delivery/pause", null).statusCode()).isEqualTo(403);
        assertThat(call("olivia", "operator-pw", "POST", "/ops/api/delivery/pause?reason=downtime", null).statusCode())
                .isEqualTo(200);
        assertThat(control.sending()).isFalse();
        JsonNode state = get("victor", "viewer-pw", "/ops/api/delivery");
        assertThat(state.get("delivery").get("paused").asBoolean()).isTrue();
        assertThat(state.get("delivery").get("by").asText()).isEqualTo("olivia");
        // The probe runs every five seconds; the local receiver may have started after the last one.
        new ConsoleBrowserTest.WebDriverWaitless(java.time.Duration.ofSeconds(15)).until(() -> {
            try {
                return get("victor", "viewer-pw", "/ops/api/delivery").get("connection").get("up").asBoolean();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(state.get("backlog").has("waiting")).isTrue();
        call("olivia", "operator-pw", "POST", "/ops/api/delivery/resume", null);
        assertThat(control.sending()).isTrue();
        assertThat(jdbc.queryForList("SELECT action FROM bridge.audit WHERE target = 'connection:ehr' ORDER BY id",
                String.class)).containsExactly("pause", "resume");
        assertThat(get("victor", "viewer-pw", "/ops/api/delivery/rate?hours=3")).isNotEmpty();
    }

    @Test
    @Order(4)
    void aFormLoginSessionTimesOutAsConfigured() throws Exception {
        FormLogin login = FormLogin.as("http://localhost:" + port, "victor", "viewer-pw");
        assertThat(login.response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/ops/index.html"));

        HttpRequest me = HttpRequest.newBuilder(uri("/ops/api/me")).build();
        HttpResponse<String> mine = login.client.send(me, HttpResponse.BodyHandlers.ofString());
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json.readTree(mine.body()).get("sessionTimeoutSeconds").asInt())
                .as("server.servlet.session.timeout reaches the session").isEqualTo(1800);

        // Expired the way Tomcat expires an idle session: the next request has to log in again.
        Context context = (Context) ((TomcatWebServer) server.getWebServer()).getTomcat().getHost().findChildren()[0];
        context.getManager().findSession(login.sessionId()).expire();
        HttpResponse<String> after = login.client.send(me, HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isIn(401, 302);
        assertThat(after.body()).doesNotContain("victor");
    }

    @Test
    @Order(5)
    void aUserChangesTheirOwnPassword() throws Exception {
        assertThat(call("pat", "first-password", "POST", "/ops/api/password",
                "{\"current\":\"first-password\",\"chosen\":\"short\"}").body()).contains("at least 12 characters");
        assertThat(call("pat", "first-password", "POST", "/ops/api/password",
                "{\"current\":\"first-password\",\"chosen\":\"a much longer passphrase\"}").statusCode()).isEqualTo(200);
        assertThat(call("pat", "first-password", "GET", "/ops/api/me", null).statusCode()).isEqualTo(401);
        assertThat(get("pat", "a much longer passphrase", "/ops/api/me").get("username").asText()).isEqualTo("pat");
        assertThat(count("SELECT count(*) FROM bridge.audit WHERE action = 'password-changed' AND actor = 'pat'"))
                .isEqualTo(1);
    }

    /** Last: it locks this address out. */
    @Test
    @Order(6)
    void failedLoginsAreSlowedThenLockedOutAndAudited() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call("olivia", "guess-" + i, "GET", "/ops/api/me", null).statusCode()).isEqualTo(401);
        }
        assertThat(get("olivia", "operator-pw", "/ops/api/me").get("operator").asBoolean()).isTrue();
        for (int i = 0; i < 4; i++) {
            call("olivia", "guess-" + i, "GET", "/ops/api/me", null);
        }
        assertThat(count("SELECT count(*) FROM bridge.audit WHERE action = 'login-failed' AND detail = 'bad credentials' "
                + "AND actor = 'olivia'")).as("each failure counted once").isEqualTo(7);
        // Closed now, even to the right password, and to another user from the same address.
        assertThat(call("olivia", "operator-pw", "GET", "/ops/api/me", null).statusCode()).isEqualTo(401);
        assertThat(call("victor", "viewer-pw", "GET", "/ops/api/me", null).statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForList("SELECT detail FROM bridge.audit WHERE action = 'login-failed' AND actor = 'olivia' "
                + "ORDER BY id", String.class)).contains("bad credentials").anyMatch(d -> d.startsWith("refused: too many"));
        assertThat(jdbc.queryForObject("SELECT address FROM bridge.audit WHERE action = 'login-failed' LIMIT 1",
                String.class)).isEqualTo("127.0.0.1");
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
