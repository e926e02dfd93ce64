package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.patientcobridge.deadletter.DeadLetterRoutes;
import com.patientcobridge.deadletter.DeadLetterStore;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.inbound.InboundLimits;
import com.patientcobridge.patientco.inbound.InboundPaymentRoutes;
import com.patientcobridge.patientco.inbound.InboundPayments;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Inbound payment files through the route engineers deploy ({@code routes/inbound-payments.yaml})
 * against the sandbox: a payment is charged once whatever file re-sends it, a conflicting re-send is
 * refused for an operator, and no card or bank number, however its digits are separated, is paid,
 * written, logged or stored.
 */
@ExtendWith(OutputCaptureExtension.class)
class InboundPaymentsTest {

    static final String PAN = "4111111111111111";
    static PatientcoTestKit kit;
    @TempDir
    static Path inbox;
    @TempDir
    static Path results;
    static final AtomicInteger accounts = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        kit = new PatientcoTestKit(PatientcoTestKit.small());
        Properties props = new Properties();
        props.setProperty("patientco.inbound.dir", inbox.toString());
        props.setProperty("patientco.inbound.outbox-dir", results.toString());
        props.setProperty("patientco.inbound.poll-delay", "300");
        kit.camel.getPropertiesComponent().setInitialProperties(props);
        kit.camel.addRoutes(new DeadLetterRoutes(new DeadLetterStore(kit.jdbc,
                new DataSourceTransactionManager(kit.dataSource)),
                new StaticListableBeanFactory().getBeanProvider(com.patientcobridge.schedule.JobRuns.class)));
        kit.camel.addRoutes(new InboundPaymentRoutes(new InboundPayments(
                kit.component.connection(kit.component.getConfiguration()), kit.jdbc,
                new InboundLimits(5L * 1024 * 1024, 4096, 1000), inbox.resolve(".failed"),
                kit.camel.createProducerTemplate())));
        Resource yaml = ResourceHelper.resolveResource(kit.camel, "file:routes/inbound-payments.yaml");
        PluginHelper.getRoutesLoader(kit.camel).loadRoutes(yaml);
        kit.camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    /** Drops a file as the hospital's system would and waits for its result file. */
    static List<CSVRecord> drop(String name, String content) throws Exception {
        return drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static List<CSVRecord> drop(String name, byte[] content) throws Exception {
        Path tmp = inbox.resolve(".incoming-" + name);
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name));
        Path result = results.resolve(name.replaceAll("\\.[^.]*$", "") + ".result.csv");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(result));
        // Gone once read: a line may carry a raw card number, which must not be kept.
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve(name)));
        return resultRows(name);
    }

    static List<CSVRecord> resultRows(String name) throws Exception {
        String text = Files.readString(results.resolve(name.replaceAll("\\.[^.]*$", "") + ".result.csv"));
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))
                .getRecords();
    }

    static String resultText(String name) throws Exception {
        return Files.readString(results.resolve(name.replaceAll("\\.[^.]*$", "") + ".result.csv"));
    }

    /** A sandbox account with a balance this test has not used yet. */
    static String account() {
        PatientcoClient client = kit.component.connection(kit.component.getConfiguration()).client();
        List<String> payable = new ArrayList<>();
        for (var a : client.page(com.patientcobridge.model.Resource.ACCOUNTS, Map.of(), null, 200).records()) {
            if (new BigDecimal(a.path("balance").path("patientDue").asText("0")).compareTo(new BigDecimal("40")) > 0) {
                payable.add(a.get("id").asText());
            }
        }
        return payable.get(accounts.getAndIncrement());
    }

    static long payments() {
        return FullReadUnderFaultsTest.allIds(kit, com.patientcobridge.model.Resource.PAYMENTS).size();
    }

    static final String HEADER = "account,amount,payment_method_token,reference\n";

    @Test
    void aPaymentResentInAnotherFileUnderAnotherNameIsChargedOnce() throws Exception {
        String a = account();
        String b = account();
        long before = payments();
        List<CSVRecord> first = drop("monday.csv", HEADER + a + ",10.00,tok_visa_4242,HB-1001\n" + b
                + ",5.25,tok_ach_6789,HB-1002\n");
        List<CSVRecord> second = drop("tuesday-resend.csv", HEADER + b + ",5.25,tok_ach_6789,HB-1002\n" + a
                + ",3.00,tok_visa_4242,HB-1003\n");
        assertThat(first).extracting(r -> r.get("status")).containsExactly("paid", "paid");
        assertThat(second).extracting(r -> r.get("status")).containsExactly("paid", "paid");
        assertThat(second.get(0).get("receipt_number")).isEqualTo(first.get(1).get("receipt_number"));
        assertThat(second.get(0).get("error")).contains("already paid from monday.csv");
        assertThat(payments() - before).isEqualTo(3);
    }

    @Test
    void aCorrectedReExportPaysNothingTwiceAndRefusesTheChangedAmountAsAConflict() throws Exception {
        String a = account();
        String b = account();
        String c = account();
        String original = HEADER + a + ",12.00,tok_visa_4242,EX-1\n" + b + ",7.00,tok_visa_4242,EX-2\n" + c
                + ",9.00,tok_visa_4242,EX-3\n";
        drop("export-0401.csv", original);
        long before = payments();
        List<CSVRecord> again = drop("export-0401-fixed.csv", original.replace(",7.00,", ",7.50,"));
        assertThat(again).extracting(r -> r.get("status")).containsExactly("paid", "conflict", "paid");
        assertThat(again.get(1).get("error")).contains("EX-2").contains("7.00").contains("7.50").contains("conflict");
        assertThat(payments()).isEqualTo(before);
        assertThat(kit.jdbc.queryForObject("SELECT count(*) FROM bridge.dead_letter WHERE flow = 'inbound-payment-file' "
                + "AND status = 'open' AND reason LIKE '%EX-2%'", Integer.class)).isEqualTo(1);
    }

    @Test
    void aRefusedPaymentResentCorrectedIsTriedAgainUnderANewKey() throws Exception {
        String a = account();
        List<CSVRecord> refused = drop("too-much.csv", HEADER + a + ",99999.00,tok_visa_4242,OV-1\n");
        assertThat(refused.get(0).get("status")).isEqualTo("failed");
        assertThat(refused.get(0).get("error")).startsWith("422");
        List<CSVRecord> fixed = drop("too-much-fixed.csv", HEADER + a + ",1.00,tok_visa_4242,OV-1\n");
        assertThat(fixed.get(0).get("status")).isEqualTo("paid");
        assertThat(kit.jdbc.queryForList("SELECT idempotency_key FROM bridge.inbound_payment WHERE reference = 'OV-1' "
                + "ORDER BY attempt", String.class)).hasSize(2).allMatch(k -> k.startsWith("inb-"));
    }

    @Test
    void quotedCommasLineBreaksAByteOrderMarkAndCrlfAreRead() throws Exception {
        String a = account();
        String csv = "\uFEFFaccount,amount,payment_method_token,reference,note\r\n" + a
                + ",2.00,tok_visa_4242,\"Q-1, balance\",\"first line\r\nsecond, line\"\r\n";
        List<CSVRecord> rows = drop("quoted.csv", csv);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("status")).isEqualTo("paid");
            assertThat(r.get("reference")).isEqualTo("Q-1, balance");
            assertThat(r.get("line")).isEqualTo("2");
        });
        assertThat(resultText("quoted.csv")).contains("\r\n");
    }

    @Test
    void aCleanLineOnAnAccountWithALongIdIsPaidNotTakenForACardNumber() throws Exception {
        String a = account();
        assertThat(a).matches("acc_\\d{9,}");
        assertThat(drop("clean.csv", HEADER + a + ",1.25,tok_visa_4242,INV-2026-0001234\n").get(0).get("status"))
                .isEqualTo("paid");
    }

    @Test
    void cardNumbersHoweverSeparatedAreRefusedAndNeverPaidWrittenLoggedOrStored(CapturedOutput log) throws Exception {
        String a = account();
        List<String> disguised = List.of("4111.1111.1111.1111", "4111  1111  1111  1111", "4111/1111/1111/1111",
                "4111_1111_1111_1111", "4111\u00a01111\u00a01111\u00a01111", "\"4111,1111,1111,1111\"", PAN);
        StringBuilder csv = new StringBuilder(HEADER);
        for (String card : disguised) {
            csv.append(a).append(",4.00,tok_visa_4242,").append(card).append('\n');
        }
        csv.append(a).append(",4.00,").append(PAN).append(",R-card-as-token\n");
        csv.append(a).append(",4.00,tok_visa_4242,acct 000123456789\n");
        long before = payments();
        List<CSVRecord> rows = drop("cards.csv", csv.toString());
        assertThat(rows).hasSize(disguised.size() + 2).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("refused"));
        assertThat(rows.get(0).get("error")).contains("a card number in column 'reference'");
        assertThat(rows.get(rows.size() - 1).get("error")).contains("a bank account number");

        String json = "[{\"accountId\":\"" + a + "\",\"amount\":\"4.00\",\"paymentMethodToken\":\"tok_visa_4242\","
                + "\"reference\":\"J-9\",\"" + PAN + "\":\"x\"}]";
        List<CSVRecord> keyed = drop("card-as-key.json", json);
        assertThat(keyed.get(0).get("status")).isEqualTo("refused");
        assertThat(keyed.get(0).get("error")).contains("a column name");

        assertThat(payments()).isEqualTo(before);
        assertNoCardNumber(resultText("cards.csv"), resultText("card-as-key.json"), log.getAll(), database());
    }

    @Test
    void aTruncatedJsonFileIsKeptOnlyAsAMaskedCopyReadableByTheBridgeAlone() throws Exception {
        String a = account();
        String truncated = "[{\"accountId\":\"" + a + "\",\"amount\":\"4.00\",\"paymentMethodToken\":\"" + PAN
                + "\",\"reference\":\"T-1\"},{\"accountId\":\"" + a;
        List<CSVRecord> rows = drop("truncated.json", truncated);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("status")).isEqualTo("refused");
            assertThat(r.get("error")).contains("not valid JSON").contains("masked copy");
        });
        Path kept = inbox.resolve(".failed/truncated.json.masked");
        assertThat(Files.getPosixFilePermissions(kept)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(kept.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(kept)).contains("************1111").doesNotContain(PAN);
        assertThat(inbox.resolve("truncated.json")).doesNotExist();
        assertNoCardNumber(Files.readString(kept));
    }

    @Test
    void anOverlongLineIsSetAsideUnreadAndAnOversizedFileIsNotReadAtAll() throws Exception {
        String a = account();
        String longLine = a + ",1.00,tok_visa_4242," + "9".repeat(10_000) + "\n";
        List<CSVRecord> rows = drop("long-line.csv", HEADER + longLine + a + ",1.10,tok_visa_4242,LL-2\n");
        assertThat(rows).extracting(r -> r.get("status")).containsExactly("refused", "paid");
        assertThat(rows.get(0).get("error")).contains("line 2 is " + (longLine.length() - 1)
                + " characters long, over the limit of 4096");
        assertThat(resultText("long-line.csv")).doesNotContain("9999999999");

        byte[] big = new byte[20 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) '7');
        List<CSVRecord> huge = drop("huge.csv", big);
        assertThat(huge.get(0).get("error")).contains("20971520 bytes, over the limit of 5242880: not read");
        assertThat(inbox.resolve(".failed/huge.csv.masked")).doesNotExist();
    }

    @Test
    void aFileDroppedWhilePatientcoIsDownStaysAndIsPaidWhenItIsBack() throws Exception {
        String a = account();
        long before = payments();
        kit.sandbox.faults().share5xx(1.0);
        NotifyBuilder failed = new NotifyBuilder(kit.camel).fromRoute("inbound-payments").whenFailed(1).create();
        Files.writeString(inbox.resolve("during-outage.csv"), HEADER + a + ",2.50,tok_visa_4242,OUT-1\n");
        assertThat(failed.matches(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(inbox.resolve("during-outage.csv")).exists();
        assertThat(inbox.resolve(".failed/during-outage.csv.masked")).doesNotExist();
        kit.sandbox.faults().share5xx(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(results.resolve("during-outage.result.csv")));
        assertThat(resultRows("during-outage.csv").get(0).get("status")).isEqualTo("paid");
        assertThat(payments() - before).isEqualTo(1);
    }

    /** Every text the bridge wrote: none holds the card's digits, whatever separates them. */
    static void assertNoCardNumber(String... written) {
        java.util.regex.Pattern digits = java.util.regex.Pattern.compile(String.join("[^0-9]{0,3}", PAN.split("")));
        for (String text : written) {
            String normalized = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
            assertThat(digits.matcher(normalized).find()).as("card digits in: %s", text).isFalse();
        }
    }

    static String database() {
        return String.join("\n", kit.jdbc.queryForList("SELECT t::text FROM bridge.inbound_payment t", String.class))
                + String.join("\n", kit.jdbc.queryForList("SELECT d::text FROM bridge.dead_letter d", String.class));
    }
}
