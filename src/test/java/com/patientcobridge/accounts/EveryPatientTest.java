package com.patientcobridge.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.util.Terser;
import com.patientcobridge.BridgeSpringTest;
import com.patientcobridge.schedule.CycleRunner;
import com.patientcobridge.support.HapiEhr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End to end with HAPI's server as the EHR and its MLLP client as the EHR's ADT feed: every patient
 * of an account gets its own ADT (GT1-11 from relationship.yaml); a patient Patientco has no MRN
 * for gets its A04 when the EHR's own ADT links it; an A40 from the EHR moves the crosswalk, and
 * the next posting for that patient carries the surviving MRN.
 */
@BridgeSpringTest
class EveryPatientTest {

    static HapiEhr ehr;
    static int adtPort;

    @Autowired CycleRunner cycle;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProducerTemplate camel;

    @DynamicPropertySource
    static void ehr(DynamicPropertyRegistry registry) throws Exception {
        ehr = new HapiEhr();
        adtPort = HapiEhr.freePort();
        registry.add("ehr.mllp.host", () -> "127.0.0.1");
        registry.add("ehr.mllp.port", ehr::port);
        registry.add("ehr.inbound.port", () -> adtPort);
    }

    @AfterAll
    static void stop() throws Exception {
        ehr.close();
    }

    /** A received ADT's PID-3 (MRN, Patientco id) and GT1-11. */
    record Adt(String trigger, String mrn, String patientId, String relationship) {
    }

    private List<Adt> adts() throws Exception {
        List<Adt> adts = new ArrayList<>();
        for (String text : ehr.received()) {
            if (text.contains("|ADT^")) {
                Terser t = new Terser(ehr.context().getPipeParser().parse(text));
                adts.add(new Adt(t.get("/MSH-9-2"), t.get("/PID-3(0)-1"), t.get("/PID-3(1)-1"), t.get("/GT1-11-1")));
            }
        }
        return adts;
    }

    @Test
    void eachPatientItsAdtALateMrnItsA04AndAMergeTheSurvivingMrn() throws Exception {
        cycle.runCycle("test", Duration.ofMinutes(3));

        // Every patient of an open account has its A04; those with an MRN are acknowledged.
        List<Map<String, Object>> patients = jdbc.queryForList("SELECT a.id AS account_id, p ->> 'id' AS patient_id, "
                + "p ->> 'mrn' AS mrn, p ->> 'relationshipToGuarantor' AS relationship, "
                + "jsonb_array_length(a.record -> 'patients') AS patients FROM staging.account a, "
                + "jsonb_array_elements(a.record -> 'patients') p WHERE a.status <> 'closed'");
        assertThat(patients).anySatisfy(p -> assertThat(((Number) p.get("patients")).intValue()).isGreaterThan(1));
        List<Adt> received = adts();
        Map<String, String> relationship = Map.of("self", "SEL", "spouse", "SPO", "child", "PAR", "other", "OTH");
        int linked = 0;
        for (Map<String, Object> p : patients) {
            String status = jdbc.queryForObject("SELECT status FROM bridge.outbox WHERE event_key = ?", String.class,
                    "account:" + p.get("account_id") + ":linked:" + p.get("patient_id"));
            if (p.get("mrn") != null) {
                linked++;
                assertThat(status).as("patient %s", p.get("patient_id")).isEqualTo("acked");
                assertThat(received).as("patient %s", p.get("patient_id")).anySatisfy(a -> {
                    assertThat(a.trigger()).isEqualTo("A04");
                    assertThat(a.patientId()).isEqualTo(p.get("patient_id"));
                    assertThat(a.mrn()).isEqualTo(p.get("mrn"));
                    assertThat(a.relationship()).isEqualTo(relationship.get((String) p.get("relationship")));
                });
            } else {
                assertThat(status).as("patient %s", p.get("patient_id")).isEqualTo("needs_linkage");
            }
        }
        assertThat(received.stream().filter(a -> a.trigger().equals("A04")).count()).isEqualTo(linked);

        // A patient without an MRN: the EHR registers it, and the A04 that waited goes out with that MRN.
        String waiting = patients.stream().filter(p -> p.get("mrn") == null).map(p -> (String) p.get("patient_id"))
                .findFirst().orElseThrow();
        String ack = sendToBridge("MSH|^~\\&|EPIC|PRMC|PATIENTCO|PCO|20261110120000||ADT^A04^ADT_A01|EHR1|P|2.5.1\r"
                + "EVN|A04|20261110120000\rPID|1||MRNLATE1^^^PRMC^MR~" + waiting + "^^^PATIENTCO^PI||Late^Linked\r");
        assertThat(ack).contains("MSA|AA|EHR1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(adts()).anySatisfy(a -> {
            assertThat(a.patientId()).isEqualTo(waiting);
            assertThat(a.mrn()).isEqualTo("MRNLATE1");
            assertThat(a.trigger()).isEqualTo("A04");
        }));

        // A40: the EHR merges a paying patient's MRN into a new one; the next payment names the survivor.
        Map<String, Object> payer = jdbc.queryForMap("SELECT o.patient_id, c.ehr_id AS mrn, a.id AS account_id "
                + "FROM bridge.outbox o JOIN bridge.crosswalk c ON c.kind = 'patient' AND c.patientco_id = o.patient_id "
                + "JOIN staging.account a ON a.id = (o.patientco_ids)[array_length(o.patientco_ids, 1)] "
                + "WHERE o.message_type = 'DFT^P03' AND o.status = 'acked' AND a.status = 'active' "
                + "AND (a.record -> 'balance' ->> 'patientDue')::numeric >= 1 ORDER BY o.id LIMIT 1");
        String merge = "MSH|^~\\&|EPIC|PRMC|PATIENTCO|PCO|20261110130000||ADT^A40^ADT_A39|EHR2|P|2.5.1\r"
                + "EVN|A40|20261110130000\rPID|1||MRNSURV1^^^PRMC^MR\rMRG|" + payer.get("mrn") + "^^^PRMC^MR\r";
        assertThat(sendToBridge(merge)).contains("MSA|AA|EHR2");
        assertThat(jdbc.queryForObject("SELECT ehr_id FROM bridge.crosswalk WHERE kind = 'patient' AND patientco_id = ?",
                String.class, payer.get("patient_id"))).isEqualTo("MRNSURV1");

        Map<?, ?> created = camel.requestBody("patientco:payments?operation=create", Map.of("accountId",
                payer.get("account_id"), "amount", "1.00", "paymentMethodToken", "tok_visa_4242", "channel", "api"),
                Map.class);
        String paymentId = String.valueOf(created.get("id"));
        cycle.runCycle("test", Duration.ofMinutes(3));
        DFT_P03 posted = null;
        for (String text : ehr.received()) {
            if (text.contains(paymentId) && text.contains("|DFT^P03")) {
                posted = (DFT_P03) ehr.context().getPipeParser().parse(text);
            }
        }
        assertThat(posted).as("the new payment's DFT").isNotNull();
        assertThat(posted.getPID().getPatientIdentifierList(0).getIDNumber().getValue()).isEqualTo("MRNSURV1");
        assertThat(posted.getPID().getPatientIdentifierList(1).getIDNumber().getValue()).isEqualTo(payer.get("patient_id"));
    }

    /** The EHR's side: HAPI's MLLP client sends an ADT to the bridge's listener and returns the ACK. */
    private static String sendToBridge(String hl7) throws Exception {
        var context = ehr.context();
        var connection = context.newClient("127.0.0.1", adtPort, false);
        try {
            Message ack = connection.getInitiator().sendAndReceive(context.getPipeParser().parse(hl7));
            return ack.encode();
        } finally {
            connection.close();
        }
    }
}
