package com.patientcobridge.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.preparser.PreParser;
import com.patientcobridge.patientco.webhook.WebhookSignature;
import com.patientcobridge.support.HapiEhr;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The packaged bridge on its embedded default, as a hospital would run it: a once-run, then the
 * bridge running while every hostile case of the round is fed to it (card numbers however
 * separated, in CSV and JSON, as a JSON key, in a truncated file, a 20 MB line; MLLP frames with PHI
 * to the ADT listener that are cut short, oversized, with an impossible birth date, or not HL7;
 * webhooks too large or malformed; operations API calls with PHI in a bad parameter). Afterwards no
 * file under the bridge's folder (logs, results, quarantine, archive, the EHR inbox, the embedded
 * PostgreSQL's own files and WAL) holds a fed card number or any fed PHI value.
 */
class HostileInputSweepIT {

    /** PHI the test feeds; none is in the sandbox's data. */
    static final List<String> FED_PHI = List.of("Zyxwvutsrq", "Qwertyuiop", "MRN93847561", "19731231", "19731345",
            "742 Evergreen Terrace");
    static final String PAN = "4111111111111111";
    static final String SECOND_PAN = "5500000000000004";
    static final String WEBHOOK_SECRET = "whsec_sweep_0123456789";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void afterEveryHostileCaseNoFileHoldsAFedCardNumberOrPhi() throws Exception {
        Path jar = Path.of("target/patientco-bridge.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path work = Files.createTempDirectory("sweep");
        boolean passed = false;
        try {
            // Deployed as a hospital deploys it: the jar beside its routes/ and mappings/.
            for (String folder : List.of("routes", "mappings")) {
                org.springframework.util.FileSystemUtils.copyRecursively(Path.of(folder), work.resolve(folder));
            }
            Process once = start(jar, work, "once.log", List.of("--bridge.once=true"), Map.of());
            assertThat(once.waitFor(6, TimeUnit.MINUTES)).as("once-run ends").isTrue();
            assertThat(once.exitValue()).as("once-run exit code; its log ends:\n" + tail(work.resolve("logs/once.log")))
                    .isZero();
            // The once-run archived statement PDFs, each whole beside its checksum, and wrote the outreach file.
            List<Path> pdfs;
            try (var files = Files.walk(work.resolve("data/archive/statements"))) {
                pdfs = files.filter(f -> f.toString().endsWith(".pdf")).toList();
            }
            assertThat(pdfs).isNotEmpty().allSatisfy(f -> {
                assertThat(com.patientcobridge.patientco.portal.PdfCheck.problem(Files.readAllBytes(f))).isNull();
                assertThat(Files.exists(Path.of(f + ".sha256"))).isTrue();
            });
            try (var files = Files.list(work.resolve("out/outreach"))) {
                assertThat(files.filter(f -> f.getFileName().toString().matches("outreach-\\d{4}-\\d{2}-\\d{2}\\.csv"))
                        .findFirst()).hasValueSatisfying(f -> assertThat(f).content().startsWith("kind,account_id,"));
            }

            int port = HapiEhr.freePort();
            int adtPort = HapiEhr.freePort();
            Process bridge = start(jar, work, "bridge.log", List.of("--server.port=" + port, "--bridge.startup-run=false",
                    "--bridge.schedule.enabled=false", "--patientco.inbound.poll-delay=300"),
                    Map.of("EHR_INBOUND_PORT", String.valueOf(adtPort), "PATIENTCO_WEBHOOK_ENABLED", "true",
                            "PATIENTCO_WEBHOOK_SECRET", WEBHOOK_SECRET, "BRIDGE_OPS_USERS_0_USERNAME", "olivia",
                            "BRIDGE_OPS_USERS_0_PASSWORDHASH", new BCryptPasswordEncoder().encode("operator-pw"),
                            "BRIDGE_OPS_USERS_0_ROLE", "operator"));
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> health(port) == 200);
                feedPaymentFiles(work);
                feedAdtFrames(adtPort);
                feedWebhooks(port);
                feedOpsApi(port);
            } finally {
                bridge.destroy();
                assertThat(bridge.waitFor(60, TimeUnit.SECONDS)).as("the bridge stops").isTrue();
            }

            List<String> found = scan(work);
            assertThat(found).as("fed card numbers or PHI in the files under " + work).isEmpty();
            // The scan reads the database's own files as text: the staged sandbox accounts are found there.
            assertThat(filesHolding(work.resolve("data/postgres"), "acc_000000003")).isNotEmpty();
            passed = true;
        } finally {
            // Kept when the test fails, for a person to look at.
            if (passed) {
                org.springframework.util.FileSystemUtils.deleteRecursively(work);
            }
        }
    }

    private Process start(Path jar, Path work, String log, List<String> args, Map<String, String> env) throws IOException {
        Files.createDirectories(work.resolve("logs"));
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
                + File.separator + "java", "-Xmx512m", "-jar", jar.toString(), "--sandbox.guarantors=150",
                "--sandbox.faults.malformed-share=0.02"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("logs").resolve(log).toFile());
        pb.environment().remove("PATIENTCO_BASE_URL");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private int health(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Card numbers in every disguise, as CSV and JSON, a truncated file and a 20 MB line. */
    private void feedPaymentFiles(Path work) throws Exception {
        Path inbox = work.resolve("data/inbound-payments");
        Path results = work.resolve("data/inbound-payments-results");
        Files.createDirectories(inbox);
        StringBuilder csv = new StringBuilder("account,amount,payment_method_token,reference\r\n");
        for (String card : List.of("4111.1111.1111.1111", "4111  1111  1111  1111", "4111/1111/1111/1111",
                "4111_1111_1111_1111", "4111\u00a01111\u00a01111\u00a01111", "\"4111,1111,1111,1111\"", PAN,
                "5500-0000-0000-0004")) {
            csv.append("acc_000000003,4.00,tok_visa_4242,").append(card).append("\r\n");
        }
        csv.append("acc_000000003,4.00,").append(SECOND_PAN).append(",R-card-as-token\r\n");
        csv.append("acc_000000003,1.00,tok_visa_4242,SWEEP-CLEAN-1\r\n");
        List<String> names = new ArrayList<>();
        names.add(write(inbox, "cards.csv", csv.toString()));
        names.add(write(inbox, "card-as-key.json", "[{\"accountId\":\"acc_000000003\",\"amount\":\"4.00\","
                + "\"paymentMethodToken\":\"tok_visa_4242\",\"reference\":\"J-9\",\"" + PAN + "\":\"x\"}]"));
        names.add(write(inbox, "truncated.json", "[{\"accountId\":\"acc_000000003\",\"amount\":\"4.00\","
                + "\"paymentMethodToken\":\"" + PAN + "\",\"refer"));
        names.add(write(inbox, "huge.csv", "account,amount,payment_method_token,reference\n" + "acc_000000003,1.00,"
                + "tok_visa_4242," + PAN + "x".repeat(20 * 1024 * 1024) + "\n"));
        for (String name : names) {
            String result = name.replaceAll("\\.[a-z]+$", "") + ".result.csv";
            await("the result file of " + name).atMost(Duration.ofMinutes(2))
                    .until(() -> Files.exists(results.resolve(result)));
        }
    }

    private static String write(Path folder, String name, String content) throws IOException {
        Path temp = folder.resolve("." + name + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, folder.resolve(name));
        return name;
    }

    /** PHI in frames the ADT listener must answer without writing or logging them. */
    private void feedAdtFrames(int port) throws Exception {
        String msh = "MSH|^~\\&|EPIC|PRMC|PCB|PRMC|20261203120000||ADT^A08^ADT_A01|SWEEP%d|P|2.5.1|||||USA|UNICODE UTF-8\r"
                + "EVN|A08|20261203120000\r";
        // An MRN the bridge never linked and no Patientco id: nothing to apply, so nothing of it is stored.
        String pid = "PID|1||MRN93847561^^^PRMC^MR||Zyxwvutsrq^Qwertyuiop||%s|F|||"
                + "742 Evergreen Terrace^^Springfield^GA^30301\r";
        // Cut short: no end block, the connection closed.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("\u000b" + String.format(msh, 1) + String.format(pid, "19731231"))
                    .getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        }
        // Answered: an impossible birth date, an oversized name, an MSH alone, text that is not HL7.
        assertThat(ack(port, String.format(msh, 2) + String.format(pid, "19731345"))).isEqualTo("AE");
        assertThat(ack(port, String.format(msh, 3) + String.format(pid, "19731231").replace("Zyxwvutsrq",
                "Zyxwvutsrq".repeat(20_000)))).isEqualTo("AE");
        assertThat(ack(port, String.format(msh, 4))).isIn("AE", "AR");
        assertThat(ack(port, "Zyxwvutsrq Qwertyuiop MRN93847561 19731231")).isEqualTo("AR");
    }

    private static String ack(int port, String frame) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(("\u000b" + frame + "\u001c\r").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0x1c) {
                if (b != 0x0b) {
                    answer.write(b);
                }
            }
            return PreParser.getFields(answer.toString(StandardCharsets.UTF_8), "MSA-1")[0];
        }
    }

    /** A body over the limit, a signed body that is not JSON and one that is, with PHI and a card number. */
    private void feedWebhooks(int port) throws Exception {
        URI url = URI.create("http://127.0.0.1:" + port + "/patientco/webhooks");
        String big = "{\"note\":\"Zyxwvutsrq " + PAN + " " + "y".repeat(200_000) + "\"}";
        assertThat(post(url, big, false).statusCode()).isEqualTo(413);
        String malformed = "{\"id\":\"evt_sweep_1\",\"type\":\"payment.updated\",\"data\":{\"name\":\"Zyxwvutsrq "
                + "Qwertyuiop\",\"card\":\"4111 1111 1111 1111\"";
        assertThat(post(url, malformed, true).statusCode()).isEqualTo(400);
        assertThat(post(url, "{\"id\":\"evt_sweep_2\",\"type\":\"payment.updated\",\"createdAt\":\"" + Instant.now()
                + "\",\"data\":{\"id\":\"pay_000000001\",\"object\":\"payment\",\"note\":\"Zyxwvutsrq " + PAN + "\"}}",
                false).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(URI url, String body, boolean signed) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) {
            b.header("Patientco-Signature", WebhookSignature.header(WEBHOOK_SECRET, Instant.now().getEpochSecond(),
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Bad parameters carrying PHI and a card number: answered 400, and never written down. */
    private void feedOpsApi(int port) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("olivia:operator-pw".getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/ops/api/dead-letters?status=Zyxwvutsrq", "/ops/api/runs?limit=19731231x",
                "/ops/api/reconciliation?date=" + PAN)) {
            assertThat(get(port, path, auth).statusCode()).as(path).isEqualTo(400);
        }
        // A search by an MRN is a question, not a record: answered, and not written down either.
        assertThat(get(port, "/ops/api/messages?mrn=MRN93847561", auth).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(int port, String path, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every fed value found in any file under the folder, as "file: value". */
    private static List<String> scan(Path root) throws IOException {
        List<Pattern> cards = List.of(spread(PAN), spread(SECOND_PAN));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String value : FED_PHI) {
                    if (text.contains(value)) {
                        found.add(root.relativize(f) + ": " + value);
                    }
                }
                for (Pattern card : cards) {
                    if (card.matcher(text).find()) {
                        found.add(root.relativize(f) + ": a card number");
                    }
                }
            }
        }
        return found;
    }

    private static List<Path> filesHolding(Path root, String value) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> holding = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(value)) {
                    holding.add(f);
                }
            }
            return holding;
        }
    }

    /** The number's digits with anything but a digit, up to three characters, between them. */
    private static Pattern spread(String digits) {
        return Pattern.compile(String.join("[^0-9]{0,3}", digits.split("")));
    }
}
