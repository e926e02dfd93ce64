package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.Hl7Config;
import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import com.patientcobridge.hl7.message.Hl7Codes;
import com.patientcobridge.hl7.message.Hl7Composer;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.Address;
import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.model.Guarantor;
import com.patientcobridge.model.Patient;
import com.patientcobridge.model.Payment;
import com.patientcobridge.support.HapiEhr;
import com.patientcobridge.support.Records;
import com.patientcobridge.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Every message reaches its reader in the charset its MSH-18 names (UNICODE UTF-8): names with
 * letters outside ASCII and Latin-1 arrive whole at HAPI's own server, in the local receiver's
 * files and in HL7 batch files, whatever the platform's default charset.
 */
class MessageCharsetTest {

    static final List<String[]> NAMES = List.of(new String[] {"Nguyễn", "Thị"}, new String[] {"Müller", "Jürgen"},
            new String[] {"O'Brien-Núñez", "Siobhán"});

    TestDatabase db;
    DefaultCamelContext camel;
    OutboxDispatcher dispatcher;
    PostgresOutbox outbox;
    Hl7Composer composer;
    @TempDir
    Path folder;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create();
        PostgresCrosswalk crosswalk = new PostgresCrosswalk(db.jdbc);
        for (int i = 0; i < NAMES.size(); i++) {
            crosswalk.link(Crosswalk.Kind.PATIENT, "pat_" + i, "MRN" + i, "ehr");
        }
        Hl7Codes codes = new Hl7Codes();
        codes.check(CodeTables.load(Path.of("mappings"), CodeTables.DEFAULT_PROFILE));
        composer = new Hl7Composer(Hl7Config.newContext(), crosswalk, codes);
        camel = new DefaultCamelContext();
        outbox = new PostgresOutbox(db.jdbc, 1, () -> {
            if (dispatcher != null) {
                dispatcher.nudge();
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        camel.close();
    }

    @Test
    void namesArriveWholeAtHapisServerReadingTheBytesAsMsh18Says() throws Exception {
        try (HapiEhr ehr = new HapiEhr()) {
            camel.start();
            start(ehr.port());
            enqueueAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> ehr.received().size() == NAMES.size());
            for (int i = 0; i < NAMES.size(); i++) {
                Terser t = new Terser(ehr.context().getPipeParser().parse(ehr.received().get(i)));
                assertThat(t.get("/.MSH-18")).isEqualTo("UNICODE UTF-8");
                assertThat(t.get("/.PID-5-1")).isEqualTo(NAMES.get(i)[0]);
                assertThat(t.get("/.PID-5-2")).isEqualTo(NAMES.get(i)[1]);
                assertThat(t.get("/.GT1-3-1")).isEqualTo(NAMES.get(i)[0]);
            }
            // The stored copy of what was sent is the same text.
            assertThat(db.jdbc.queryForList("SELECT body FROM bridge.message_store WHERE direction = 'out' ORDER BY id",
                    String.class)).allSatisfy(body -> assertThat(body).containsAnyOf("Nguyễn", "Müller", "O'Brien-Núñez"));
        }
    }

    @Test
    void theLocalReceiverWritesEachMessageInItsOwnCharsetAndAnswersWithHapisAck() throws Exception {
        int port = HapiEhr.freePort();
        camel.addRoutes(new EhrReceiverRoutes(port, folder.toString()));
        camel.start();
        start(port);
        enqueueAll();
        await().atMost(Duration.ofSeconds(30)).until(() -> db.jdbc.queryForObject(
                "SELECT count(*) FROM bridge.outbox WHERE status = 'acked'", Integer.class) == NAMES.size());
        List<String> acks = db.jdbc.queryForList("SELECT ack_body FROM bridge.message_store WHERE direction = 'out'",
                String.class);
        assertThat(acks).hasSize(NAMES.size()).allSatisfy(ack -> assertThat(ack).contains("MSA|AA|PCB"));
        String all;
        try (var files = Files.list(folder)) {
            all = String.join("\n", files.filter(f -> f.toString().endsWith(".hl7")).map(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList());
        }
        for (String[] name : NAMES) {
            assertThat(all).contains(name[0] + "^" + name[1]);
        }
    }

    @Test
    void aBatchFileIsWrittenInItsMessagesCharset() throws Exception {
        camel.start();
        BatchFiles files = new BatchFiles(camel::createProducerTemplate, folder.toString(), Clock.systemUTC());
        String message = composer.compose("DFT^P03", eventJson(0), "PCB900");
        String name = files.write(0, List.of(message));
        byte[] written = Files.readAllBytes(folder.resolve(name));
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("Nguyễn^Thị");
    }

    private void start(int port) {
        String uri = "mllp://127.0.0.1:" + port + "?requireEndOfData=false&validatePayload=false&receiveTimeout=5000"
                + "&readTimeout=5000&connectTimeout=1000";
        dispatcher = new OutboxDispatcher(db.dataSource, new OutboxRows(db.jdbc), composer,
                new StaticListableBeanFactory(Map.of("camel", camel)).getBeanProvider(CamelContext.class), uri,
                new DeliveryPolicy(1, 2, Duration.ofMillis(50), Duration.ofMillis(300), 3), null);
        dispatcher.start();
    }

    private void enqueueAll() {
        for (int i = 0; i < NAMES.size(); i++) {
            FinancialEvent e = event(i);
            outbox.enqueue(new OutboundEvent(e.eventKey(), "payment-records", "DFT^P03", "gtr_" + i, e.payment().id(),
                    List.of(e.payment().id()), "pat_" + i, null, e, e.amount(), null));
        }
    }

    private String eventJson(int i) {
        return com.patientcobridge.system.Json.write(Map.of("type", "FinancialEvent", "data", event(i)));
    }

    private static FinancialEvent event(int i) {
        String[] name = NAMES.get(i);
        Guarantor g = new Guarantor("gtr_" + i, null, name[1], null, name[0], LocalDate.of(1980, 3, 4), "F",
                new Address("Straße 1", null, "Atlanta", "GA", "30303", "US"), null, null);
        Patient p = new Patient("pat_" + i, null, name[1], name[0], LocalDate.of(1980, 3, 4), "F", "self");
        Account a = new Account("acc_" + i, "fac_atl01", null, "active", g, List.of(p), List.of(), null, null, Records.T,
                Records.T);
        Payment payment = Records.payment("pay_" + i);
        return new FinancialEvent(FinancialEvent.Kind.PAYMENT, "payment:pay_" + i + ":captured", a, payment, null, null,
                payment.amount(), payment.capturedAt());
    }
}
