package com.patientcobridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The validator itself: what it reports for answers that break the contract, without a server. */
class ContractValidatorTest {

    static final ContractValidator CONTRACT = ContractValidator.load();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PAYMENT = """
            {"id":"pay_000000003","accountId":"acc_000000003","statementId":null,"planId":null,"amount":"125.40",
             "currency":"USD","method":{"type":"ach","token":"tok_1f2e3d","brand":null,"last4":"0123",
             "bankName":"Truist"},"channel":"portal","status":"settled","failureReason":null,"refundedAmount":"0.00",
             "disputed":false,"capturedAt":"2026-08-04T13:00:00Z","settlementBatchId":"stl_atl01_20260804",
             "receipt":{"number":"R100000003","url":"https://receipts.example/R100000003"},
             "createdAt":"2026-08-04T13:00:00Z","updatedAt":"2026-08-05T14:00:00.250Z"}""";
    static final Function<String, Optional<String>> RATE_HEADERS = name -> Optional.ofNullable(Map.of(
            "Content-Type", "application/json", "X-RateLimit-Limit", "1200", "X-RateLimit-Remaining", "1199").get(name));

    @Test
    void aConformingPaymentHasNoProblems() {
        assertThat(CONTRACT.problems("GET", "/api/v1/payments/pay_000000003", 200, RATE_HEADERS, PAYMENT)).isEmpty();
    }

    @Test
    void aCardNumberFieldIsRefused() throws Exception {
        ObjectNode payment = (ObjectNode) JSON.readTree(PAYMENT);
        ((ObjectNode) payment.get("method")).put("cardNumber", "4111111111111111");
        assertThat(CONTRACT.schemaProblems("Payment", payment)).singleElement(InstanceOfAssertFactories.STRING)
                .contains("cardNumber");
    }

    @Test
    void anUndocumentedStatusIsReported() {
        assertThat(CONTRACT.problems("GET", "/api/v1/payments/pay_000000003", 418, RATE_HEADERS, ""))
                .singleElement(InstanceOfAssertFactories.STRING).contains("does not document");
    }

    @Test
    void aMissingRateLimitHeaderIsReported() {
        Function<String, Optional<String>> headers = name -> name.equals("X-RateLimit-Limit") ? Optional.empty()
                : RATE_HEADERS.apply(name);
        assertThat(CONTRACT.problems("GET", "/api/v1/payments/pay_000000003", 200, headers, PAYMENT))
                .singleElement(InstanceOfAssertFactories.STRING).contains("X-RateLimit-Limit");
    }

    @Test
    void anErrorThatIsNotProblemJsonOrDisagreesOnItsStatusIsReported() {
        String problem = "{\"type\":\"https://api.patientco.test/problems/not-found\",\"title\":\"Not Found\","
                + "\"status\":400,\"detail\":\"No payment\",\"code\":\"not_found\"}";
        assertThat(CONTRACT.problems("GET", "/api/v1/payments/pay_1", 404, RATE_HEADERS, problem))
                .singleElement(InstanceOfAssertFactories.STRING).contains("Content-Type");
        Function<String, Optional<String>> problemJson = name -> name.equals("Content-Type")
                ? Optional.of("application/problem+json") : RATE_HEADERS.apply(name);
        assertThat(CONTRACT.problems("GET", "/api/v1/payments/pay_1", 404, problemJson, problem))
                .singleElement(InstanceOfAssertFactories.STRING).contains("status 400");
    }

    @Test
    void aWebhookEventCarriesAResourceOfTheContract() throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("id", "evt_000000001");
        event.put("type", "payment.captured");
        event.put("createdAt", "2026-11-02T12:00:03Z");
        event.set("data", JSON.readTree(PAYMENT));
        assertThat(CONTRACT.schemaProblems("WebhookEvent", event)).isEmpty();
        event.put("type", "payment.teleported");
        assertThat(CONTRACT.schemaProblems("WebhookEvent", event)).singleElement(InstanceOfAssertFactories.STRING)
                .contains("/type");
        event.put("type", "payment.captured");
        ((ObjectNode) event.get("data")).put("amount", 125.4);
        assertThat(CONTRACT.schemaProblems("WebhookEvent", event)).isNotEmpty();
    }

    @Test
    void aPathOutsideTheContractIsReported() {
        assertThat(CONTRACT.problems("GET", "/api/v2/payments", 200, RATE_HEADERS, "{}"))
                .singleElement(InstanceOfAssertFactories.STRING).contains("not an operation");
    }
}
