package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.patientcobridge.model.Resource;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The settlement report through the sandbox's portal, in both layouts, with HtmlUnit and (where
 * installed) Chromium: the report's items equal the API's, whether the login's MFA is a TOTP code
 * or one the portal sends by SMS or e-mail. Skipped while the sandbox has no portal.
 */
class PortalSandboxTest {

    static PatientcoTestKit kit;

    @BeforeAll
    static void start() throws Exception {
        kit = new PatientcoTestKit(PatientcoTestKit.small());
        kit.sandbox.clock().advanceDays(3);
        kit.camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    private static int status(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kit.sandbox.baseUrl() + path));
        b = json == null ? b.GET() : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @ParameterizedTest
    @CsvSource({"htmlunit,sms,1", "htmlunit,email,2", "chromium,sms,2", "chromium,email,1"})
    void smsAndEmailCodesLogTheBrowserIn(String browser, String method, int layout) throws Exception {
        if (browser.equals("chromium")) {
            com.patientcobridge.support.Chromium.required();
        }
        assertThat(status("PUT", "/sandbox/faults", "{\"portalLayout\":" + layout + "}")).isEqualTo(200);
        var s = kit.sandbox.settings();
        com.patientcobridge.patientco.client.PatientcoConnection connection =
                new com.patientcobridge.patientco.client.PatientcoConnection(kit.sandbox.baseUrl(),
                        new com.patientcobridge.patientco.session.PatientcoCredentials("password", s.username(),
                                s.password(), null, method, null, null),
                        com.patientcobridge.sandbox.SandboxStandIn.codes(kit.sandbox), kit.component.getHttp());
        var health = new com.patientcobridge.patientco.client.PatientcoHealth();
        var portal = new com.patientcobridge.patientco.portal.PortalReports(connection,
                new com.patientcobridge.patientco.portal.PortalSettings("target/patientco-test/archive",
                        "target/patientco-test/diagnostics", browser), health, kit.component.getHttp());
        Settlement batch = closedBatch();
        List<SettlementItem> report = portal.settlementReport(batch.id());
        assertThat(report).hasSize(batch.itemCount());
        assertThat(health.problems()).isEmpty();
        // The code was sent by the method asked for, and used: the outbox holds no other.
        assertThat(kit.sandbox.outbox().take(s.username(), method, java.time.Duration.ZERO)).isEmpty();
    }

    private static Settlement closedBatch() {
        ProducerTemplate template = kit.camel.createProducerTemplate();
        for (String id : FullReadUnderFaultsTest.allIds(kit, Resource.SETTLEMENTS)) {
            Settlement s = template.requestBodyAndHeader("patientco:settlements", null, PatientcoProducer.ID, id,
                    Settlement.class);
            if (s.itemCount() > 0 && !s.status().equals("open")) {
                return s;
            }
        }
        throw new AssertionError("the sandbox has no closed batch with items");
    }

    @ParameterizedTest
    @CsvSource({"htmlunit,1", "htmlunit,2", "chromium,1", "chromium,2"})
    void settlementReportMatchesTheApi(String browser, int layout) throws Exception {
        assumeTrue(status("GET", "/portal/login", null) == 200, "The sandbox has no portal yet");
        if (browser.equals("chromium")) {
            com.patientcobridge.support.Chromium.required();
        }
        assumeTrue(status("PUT", "/sandbox/faults", "{\"portalLayout\":" + layout + "}") == 200,
                "The sandbox cannot switch portal layouts");
        ProducerTemplate template = kit.camel.createProducerTemplate();
        Settlement batch = null;
        for (String id : FullReadUnderFaultsTest.allIds(kit, Resource.SETTLEMENTS)) {
            Settlement s = template.requestBodyAndHeader("patientco:settlements", null, PatientcoProducer.ID, id,
                    Settlement.class);
            if (s.itemCount() > 0 && !s.status().equals("open")) {
                batch = s;
                break;
            }
        }
        assertThat(batch).isNotNull();
        List<?> api = template.requestBodyAndHeader("patientco:settlement-items", null,
                PatientcoProducer.SETTLEMENT_ID, batch.id(), List.class);
        List<?> report = template.requestBodyAndHeader("patientco:settlement-report?browser=" + browser, null,
                PatientcoProducer.SETTLEMENT_ID, batch.id(), List.class);
        assertThat(report).hasSize(batch.itemCount());
        assertThat(report.stream().map(i -> ((SettlementItem) i).id()).toList())
                .containsExactlyInAnyOrderElementsOf(api.stream().map(i -> ((SettlementItem) i).id()).toList());
    }
}
