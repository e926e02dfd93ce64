package com.patientcobridge.patientco;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.Resource;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Producers (single GET, money writes with idempotency, PDF, settlement items) and the Quartz poll scheduler. */
class ProducerAndSchedulerTest {

    static PatientcoTestKit kit;
    static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        kit = new PatientcoTestKit(PatientcoTestKit.small());
        kit.sandbox.clock().advanceDays(3);
        kit.camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("patientco:communications?scheduler=quartz&scheduler.cron=0/1 * * * * ?"
                        + "&scheduler.triggerId=communications&pageSize=100").routeId("communications-poll")
                        .to("mock:communications");
            }
        });
        kit.camel.start();
        template = kit.camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    @Test
    void quartzCronDrivesTheIncrementalRead() {
        MockEndpoint mock = kit.camel.getEndpoint("mock:communications", MockEndpoint.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mock.getReceivedCounter() > 0);
        assertThat(kit.jobRuns.recent("communications", 1)).singleElement()
                .satisfies(r -> assertThat(r.trigger()).isEqualTo("schedule"));
    }

    @Test
    void getByIdReturnsTheRecord() {
        String id = FullReadUnderFaultsTest.allIds(kit, Resource.PAYMENTS).get(0);
        Payment p = template.requestBodyAndHeader("patientco:payments", null, PatientcoProducer.ID, id, Payment.class);
        assertThat(p.id()).isEqualTo(id);
    }

    @Test
    void aRefundSentTwiceWithTheDerivedKeyIsAppliedOnce() {
        String paymentId = null;
        for (String id : FullReadUnderFaultsTest.allIds(kit, Resource.PAYMENTS)) {
            Payment p = template.requestBodyAndHeader("patientco:payments", null, PatientcoProducer.ID, id,
                    Payment.class);
            if (p.status().equals("settled") && p.refundedAmount().signum() == 0) {
                paymentId = id;
                break;
            }
        }
        assertThat(paymentId).isNotNull();
        Map<String, Object> body = Map.of("amount", "1.00", "reason", "test");
        var first = template.request("patientco:payments?operation=refund", e -> {
            e.getIn().setBody(body);
        });
        assertThat(first.getException()).isInstanceOf(IllegalArgumentException.class);
        String pid = paymentId;
        var a = template.request("patientco:payments?operation=refund", e -> {
            e.getIn().setHeader(PatientcoProducer.ID, pid);
            e.getIn().setBody(body);
        });
        var b = template.request("patientco:payments?operation=refund", e -> {
            e.getIn().setHeader(PatientcoProducer.ID, pid);
            e.getIn().setBody(body);
        });
        assertThat(a.getException()).isNull();
        assertThat(b.getMessage().getHeader(PatientcoProducer.REPLAYED, Boolean.class)).isTrue();
        assertThat(b.getMessage().getBody(JsonNode.class).get("id").asText())
                .isEqualTo(a.getMessage().getBody(JsonNode.class).get("id").asText());
        Payment after = template.requestBodyAndHeader("patientco:payments", null, PatientcoProducer.ID, pid,
                Payment.class);
        assertThat(after.refundedAmount()).isEqualByComparingTo(new BigDecimal("1.00"));
    }

    @Test
    void statementPdfIsDownloadedAndArchivedWithItsChecksum() throws Exception {
        String id = FullReadUnderFaultsTest.allIds(kit, Resource.STATEMENTS).get(0);
        com.patientcobridge.model.Statement st = template.requestBodyAndHeader("patientco:statements", null,
                PatientcoProducer.ID, id, com.patientcobridge.model.Statement.class);
        org.junit.jupiter.api.Assumptions.assumeTrue(st.pdf() != null && st.pdf().url() != null,
                "This sandbox serves statements without signed PDF links yet; the PDF download is not exercised");
        var ex = template.request("patientco:statements?operation=pdf", e -> e.getIn().setHeader(PatientcoProducer.ID, id));
        assertThat(ex.getException()).isNull();
        byte[] pdf = ex.getMessage().getBody(byte[].class);
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        Path file = Path.of(ex.getMessage().getHeader(PatientcoProducer.ARCHIVED_FILE, String.class));
        assertThat(Files.readString(Path.of(file + ".sha256")))
                .startsWith(ex.getMessage().getHeader(PatientcoProducer.SHA256, String.class));
    }

    @Test
    void settlementItemsAsListOrIteratorAddUpToTheBatch() {
        Settlement batch = null;
        for (String id : FullReadUnderFaultsTest.allIds(kit, Resource.SETTLEMENTS)) {
            Settlement s = template.requestBodyAndHeader("patientco:settlements", null, PatientcoProducer.ID, id,
                    Settlement.class);
            if (s.itemCount() > 0) {
                batch = s;
                break;
            }
        }
        assertThat(batch).isNotNull();
        @SuppressWarnings("unchecked")
        List<SettlementItem> list = template.requestBodyAndHeader("patientco:settlement-items", null,
                PatientcoProducer.SETTLEMENT_ID, batch.id(), List.class);
        Iterator<?> it = template.requestBodyAndHeader("patientco:settlement-items?streamItems=true", null,
                PatientcoProducer.SETTLEMENT_ID, batch.id(), Iterator.class);
        List<SettlementItem> streamed = new ArrayList<>();
        it.forEachRemaining(i -> streamed.add((SettlementItem) i));
        assertThat(list).hasSize(batch.itemCount()).isEqualTo(streamed);
        assertThat(list.stream().map(SettlementItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(batch.netAmount());
    }

}
