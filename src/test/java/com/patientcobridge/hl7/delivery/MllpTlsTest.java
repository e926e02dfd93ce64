package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MLLP over TLS with certificates both ways: the EHR's listener (a Camel MLLP consumer) asks for the
 * bridge's certificate; the bridge trusts only the EHR's. A client without a certificate, or one
 * that speaks plain MLLP, gets no ACK: nothing is delivered.
 */
class MllpTlsTest {

    static final String PASSWORD = "test-only-store-pw";
    static Path dir;
    static CamelContext camel;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("mllp-tls");
        keyPair("ehr");
        keyPair("bridge");
        keyPair("stranger");
        trust("bridge-trust", "ehr");
        trust("ehr-trust", "bridge");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("ehrSide", new EhrTls(path("ehr"), PASSWORD, path("ehr-trust"), PASSWORD).parameters());
        camel.getRegistry().bind(EhrTls.BEAN, new EhrTls(path("bridge"), PASSWORD, path("bridge-trust"), PASSWORD)
                .parameters());
        camel.getRegistry().bind("noCertificate", new EhrTls(null, null, path("bridge-trust"), PASSWORD).parameters());
        camel.getRegistry().bind("stranger", new EhrTls(path("stranger"), PASSWORD, path("bridge-trust"), PASSWORD)
                .parameters());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mllp://127.0.0.1:" + port + "?autoAck=true&sslContextParameters=#ehrSide")
                        .convertBodyTo(String.class).to("mock:ehr");
            }
        });
        camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        org.springframework.util.FileSystemUtils.deleteRecursively(dir);
    }

    @Test
    void aMessageGoesOverMutualTlsAndIsAcknowledged() throws Exception {
        MockEndpoint ehr = camel.getEndpoint("mock:ehr", MockEndpoint.class);
        ehr.reset();
        DeliveryConfig.EhrTarget target = new DeliveryConfig.EhrTarget("127.0.0.1", port, false, true);
        MllpLink link = new MllpLink(camel, target.uri(Duration.ofSeconds(5)));
        MllpLink.Reply reply = link.send(message("TLS0001"));
        assertThat(reply.code()).isEqualTo("AA");
        assertThat(reply.msa2()).isEqualTo("TLS0001");
        assertThat(ehr.getReceivedExchanges()).hasSize(1);
        link.reset();
    }

    @Test
    void withoutTheRightCertificateOrWithoutTlsNothingIsDelivered() throws Exception {
        MockEndpoint ehr = camel.getEndpoint("mock:ehr", MockEndpoint.class);
        ehr.reset();
        String base = "mllp://127.0.0.1:" + port + "?requireEndOfData=false&validatePayload=false&receiveTimeout=2000"
                + "&readTimeout=2000&connectTimeout=2000&exchangePattern=InOut";
        for (String uri : List.of(base + "&sslContextParameters=#noCertificate", base + "&sslContextParameters=#stranger",
                base)) {
            MllpLink link = new MllpLink(camel, uri);
            assertThat(link.send(message("TLS0002")).code()).as(uri).isIn("DOWN", "TIMEOUT");
            link.reset();
        }
        assertThat(ehr.getReceivedExchanges()).isEmpty();
    }

    private static String message(String controlId) {
        return "MSH|^~\\&|PATIENTCO|ATL01|EPIC|ATL01|20261201120000||ADT^A08^ADT_A01|" + controlId + "|P|2.5.1\r"
                + "EVN|A08|20261201120000\rPID|1||MRN000001^^^HOSP^MR||TEST^PATIENT\r";
    }

    private static void keyPair(String name) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                path(name), "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", name, "-keystore", path(name), "-storepass", PASSWORD, "-file",
                dir.resolve(name + ".cer").toString());
    }

    private static void trust(String store, String cert) throws Exception {
        keytool("-importcert", "-noprompt", "-alias", cert, "-file", dir.resolve(cert + ".cer").toString(),
                "-storetype", "PKCS12", "-keystore", path(store), "-storepass", PASSWORD);
    }

    private static String path(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
