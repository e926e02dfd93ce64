package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.inbound.CardNumbers;
import com.patientcobridge.patientco.inbound.InboundPaymentRoutes;
import com.patientcobridge.patientco.inbound.InboundPayments;
import com.patientcobridge.patientco.model.Resource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inbound payment files: a file dropped twice pays once; a raw card number is rejected, masked, never sent. */
class InboundPaymentsTest {

    static PatientcoTestKit kit;
    @TempDir
    static Path outbox;

    @BeforeAll
    static void start() throws Exception {
        kit = new PatientcoTestKit(PatientcoTestKit.small());
        Properties props = new Properties();
        props.setProperty("patientco.inbound.outbox-dir", outbox.toString());
        kit.camel.getPropertiesComponent().setInitialProperties(props);
        kit.camel.addRoutes(new InboundPaymentRoutes(new InboundPayments(
                kit.component.connection(kit.component.getConfiguration()), kit.jdbc)));
        kit.camel.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    private static String send(String name, String content) throws Exception {
        ProducerTemplate template = kit.camel.createProducerTemplate();
        template.sendBodyAndHeader("direct:inbound-payment-file", content, Exchange.FILE_NAME_ONLY, name);
        return Files.readString(outbox.resolve(name.replaceAll("\\.[^.]*$", "") + ".result.csv"));
    }

    private static String payableAccount(int skip) {
        PatientcoClient client = kit.component.connection(kit.component.getConfiguration()).client();
        int seen = 0;
        for (var a : client.page(Resource.ACCOUNTS, Map.of(), null, 200).records()) {
            if (new java.math.BigDecimal(a.path("balance").path("patientDue").asText("0")).compareTo(new java.math.BigDecimal("20")) > 0
                    && seen++ == skip) {
                return a.get("id").asText();
            }
        }
        throw new IllegalStateException("No account with a balance in the sandbox");
    }

    @Test
    void aFileDroppedTwicePaysOnce() throws Exception {
        String csv = "account,amount,payment_method_token,reference\n"
                + payableAccount(0) + ",10.00,tok_visa_4242,INV-1\n"
                + payableAccount(1) + ",5.25,tok_ach_6789,INV-2\n";
        long before = countPayments();
        String first = send("batch-1.csv", csv);
        String second = send("batch-1.csv", csv);
        assertThat(first.lines().skip(1)).allMatch(l -> l.contains(",paid,"));
        assertThat(second.lines().skip(1)).allMatch(l -> l.contains(",paid,"));
        assertThat(countPayments() - before).isEqualTo(2);
        // Same receipts both times: the second copy paid nothing.
        assertThat(second.lines().skip(1).map(l -> l.split(",")[3]).toList())
                .isEqualTo(first.lines().skip(1).map(l -> l.split(",")[3]).toList());
        assertThat(kit.jdbc.queryForObject("SELECT count(*) FROM bridge.inbound_payment WHERE file_name = ?", Integer.class,
                "batch-1.csv")).isEqualTo(2);
    }

    @Test
    void aJsonFileIsPaidToo() throws Exception {
        String json = "[{\"accountId\":\"" + payableAccount(2) + "\",\"amount\":\"3.10\","
                + "\"paymentMethodToken\":\"tok_visa_1111\",\"reference\":\"J-1\"}]";
        assertThat(send("batch-2.json", json).lines().skip(1)).singleElement().asString().contains(",paid,");
    }

    @Test
    void aRawCardNumberIsRejectedMaskedAndNeverSent() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String pan = "4111111111111111";
        String csv = "account,amount,payment_method_token,reference\n"
                + payableAccount(3) + ",7.00," + pan + ",INV-3\n"
                + payableAccount(3) + ",7.00,tok_visa_4242,card 4111 1111 1111 1111\n";
        long before = countPayments();
        String result;
        System.setOut(new PrintStream(log, true));
        try {
            result = send("batch-3.csv", csv);
        } finally {
            System.setOut(out);
        }
        assertThat(result.lines().skip(1)).allMatch(l -> l.contains(",rejected,"));
        assertThat(result).doesNotContain(pan).doesNotContain("4111 1111 1111 1111").contains("************1111");
        assertThat(log.toString()).doesNotContain(pan).doesNotContain("4111 1111");
        assertThat(countPayments()).isEqualTo(before);
        assertThat(kit.jdbc.queryForObject("SELECT count(*) FROM bridge.inbound_payment WHERE file_name = ?",
                Integer.class, "batch-3.csv")).isZero();
    }

    @Test
    void luhnAndDigitRunsAreRecognised() {
        assertThat(CardNumbers.cardLike("4111-1111-1111-1111")).isTrue();
        assertThat(CardNumbers.cardLike("4111111111111112")).isFalse();
        assertThat(CardNumbers.suspicious("acct 000123456789")).isTrue();
        assertThat(CardNumbers.suspicious("acc_000000123")).isFalse();
        assertThat(CardNumbers.suspicious("125.40")).isFalse();
    }

    private static long countPayments() {
        return FullReadUnderFaultsTest.allIds(kit, Resource.PAYMENTS).size();
    }
}
