package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.patientcobridge.model.Resource;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.client.PatientcoConnection;
import com.patientcobridge.patientco.http.PatientcoAuthException;
import com.patientcobridge.patientco.session.PatientcoCredentials;
import com.patientcobridge.sandbox.SandboxStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logins by TOTP, SMS and OAuth; a revoked session re-established; refused credentials never retried. */
class SessionTest {

    static PatientcoTestKit kit;

    @BeforeAll
    static void start() throws Exception {
        kit = new PatientcoTestKit(PatientcoTestKit.small());
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    private PatientcoConnection connection(String auth, String password, String mfa) {
        var s = kit.sandbox.settings();
        return new PatientcoConnection(kit.sandbox.baseUrl(), new PatientcoCredentials(auth, s.username(), password,
                s.totpSecret(), mfa, s.clientId(), auth.equals("oauth-bad") ? "wrong" : s.clientSecret()),
                SandboxStandIn.codes(kit.sandbox), kit.component.getHttp());
    }

    private static int firstPageSize(PatientcoClient client) {
        return client.page(Resource.FACILITIES, Map.of(), null, 10).records().size();
    }

    @Test
    void totpLoginReadsAndARevokedSessionIsReestablishedOnce() throws Exception {
        PatientcoConnection c = connection("password", kit.sandbox.settings().password(), "totp");
        assertThat(firstPageSize(c.client())).isPositive();
        String token = c.session().token();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(kit.sandbox.baseUrl()
                + "/api/v1/sessions/current")).header("Authorization", "Bearer " + token).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(firstPageSize(c.client())).isPositive();
        assertThat(c.session().token()).isNotEqualTo(token);
    }

    @Test
    void aTotpCodeUsedByAnotherProcessInItsStepIsNotSentTwiceTheNextStepsCodeIs() throws Exception {
        var s = kit.sandbox.settings();
        // Another process (a second node, a once-run) logs in as the same user with this step's code.
        HttpClient other = HttpClient.newHttpClient();
        String challenge = new com.fasterxml.jackson.databind.ObjectMapper().readTree(other.send(HttpRequest.newBuilder(
                URI.create(kit.sandbox.baseUrl() + "/api/v1/sessions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + s.username() + "\",\"password\":\""
                        + s.password() + "\"}")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("challengeId").asText();
        // A step no login of this JVM has used (they share TotpSteps.IN_PROCESS), so the sandbox takes it.
        String code = com.patientcobridge.patientco.session.Totp.fresh(s.totpSecret(), java.time.Clock.systemUTC(),
                com.patientcobridge.patientco.session.TotpSteps.IN_PROCESS);
        assertThat(other.send(HttpRequest.newBuilder(URI.create(kit.sandbox.baseUrl() + "/api/v1/sessions/" + challenge
                + "/mfa")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"totp\",\"code\":\"" + code + "\"}")).build(), HttpResponse.BodyHandlers
                .discarding()).statusCode()).isEqualTo(200);
        // This process knows nothing of it: Patientco refuses the used code and the session takes the next step's.
        PatientcoConnection c = new PatientcoConnection(kit.sandbox.baseUrl(), new PatientcoCredentials("password",
                s.username(), s.password(), s.totpSecret(), "totp", null, null), SandboxStandIn.codes(kit.sandbox),
                kit.component.getHttp(), com.patientcobridge.patientco.session.TotpSteps.inMemory());
        assertThat(firstPageSize(c.client())).isPositive();
    }

    @Test
    void theTotpStepsUsedAreSharedThroughTheDatabase() {
        var steps = new com.patientcobridge.patientco.session.JdbcTotpSteps(kit.jdbc);
        assertThat(steps.claim("JBSWY3DPEHPK3PXP", 1000)).isTrue();
        assertThat(steps.claim("JBSWY3DPEHPK3PXP", 1000)).as("the same step by another node").isFalse();
        assertThat(steps.claim("JBSWY3DPEHPK3PXP", 999)).as("an earlier step").isFalse();
        assertThat(steps.claim("JBSWY3DPEHPK3PXP", 1001)).isTrue();
        assertThat(steps.claim("ANOTHERSECRETXYZ", 1000)).isTrue();
        assertThat(kit.jdbc.queryForList("SELECT secret_hash FROM bridge.totp_step", String.class))
                .noneMatch(h -> h.contains("JBSWY3DP"));
    }

    @Test
    void smsCodeComesFromTheCodeSource() {
        PatientcoConnection c = connection("password", kit.sandbox.settings().password(), "sms");
        assertThat(firstPageSize(c.client())).isPositive();
    }

    @Test
    void oauthClientCredentialsGiveAToken() {
        assertThat(firstPageSize(connection("oauth", null, null).client())).isPositive();
    }

    @Test
    void wrongPasswordIsRefusedOnceAndNeverRetried() {
        PatientcoConnection c = connection("password", "not-the-password", "totp");
        assertThatThrownBy(() -> c.session().token()).isInstanceOf(PatientcoAuthException.class)
                .hasMessageContaining("invalid_credentials");
        // The same refusal again, without a second login attempt that would count towards the lock-out.
        PatientcoAuthException first = c.session().refusal();
        assertThatThrownBy(() -> c.session().token()).isSameAs(first);
    }

    @Test
    void lockedUserStopsTheRunAndTheHealthCheckSaysWhy() throws Exception {
        // A sandbox of its own, so the lock-out does not reach the other tests' user.
        try (PatientcoTestKit locked = new PatientcoTestKit(PatientcoTestKit.small())) {
            locked.component.getConfiguration().setPassword("wrong");
            locked.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("patientco:payments?startScheduler=false").routeId("payments-poll").to("mock:p");
                }
            });
            locked.camel.start();
            SyncSource payments = (SyncSource) locked.camel.getRoute("payments-poll").getConsumer();
            var session = locked.component.connection(locked.component.getConfiguration()).session();
            for (int i = 0; i < 5; i++) {
                // As a person would, after each refusal: reset and try again; the fifth is the lock-out.
                session.reset();
                assertThatThrownBy(() -> payments.runNow("manual", null)).isInstanceOf(PatientcoAuthException.class);
            }
            assertThat(session.refusal()).hasMessageContaining("locked");
            assertThat(locked.component.getHealth().problems().get("session")).contains("locked");
            assertThat(new PatientcoHealthIndicator(locked.component.connection(locked.component.getConfiguration()),
                    locked.component.getHealth()).health().getStatus().getCode()).isEqualTo("DOWN");
            assertThat(locked.jobRuns.recent("payments", 1).get(0).outcome()).isEqualTo("failed");
        }
    }
}
