package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.Exchange.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.sandbox.Exchange.ApiError;
import java.io.IOException;
import java.math.BigDecimal;

/** {@code POST /payments}, {@code /payments/{id}/void} and {@code /payments/{id}/refunds}, behind idempotency keys. */
final class SandboxWrites {

    private final SandboxServer server;

    SandboxWrites(SandboxServer server) {
        this.server = server;
    }

    void handle(Exchange ex, String user, String[] parts) throws IOException {
        String key = ex.header("Idempotency-Key");
        if (key == null || key.isBlank()) {
            throw new ApiError(400, "idempotency_key_missing", "Writes need an Idempotency-Key header");
        }
        JsonNode body = ex.body().length == 0 ? MAPPER.createObjectNode() : ex.json();
        boolean[] replayed = new boolean[1];
        Idempotency.Answer answer = server.idempotency().run(user, key, ex.path, body, replayed, () -> write(parts, body));
        server.webhooks().flush();
        if (answer == null) {
            throw new ApiError(409, "idempotency_key_reused", "This Idempotency-Key was used with another request");
        }
        if (replayed[0]) {
            ex.http.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        ex.send(answer.status(), answer.contentType(), answer.body());
    }

    private Idempotency.Answer write(String[] parts, JsonNode body) {
        try {
            ObjectNode result;
            int status;
            if (parts.length == 4) {
                result = create(body);
                status = 201;
            } else if (parts.length == 6 && parts[5].equals("void")) {
                result = void_(parts[4]);
                status = 200;
            } else if (parts.length == 6 && parts[5].equals("refunds")) {
                result = refund(parts[4], body);
                status = 201;
            } else {
                throw new ApiError(404, "not_found", "No such endpoint");
            }
            return new Idempotency.Answer(status, "application/json", MAPPER.writeValueAsBytes(result));
        } catch (ApiError e) {
            ObjectNode p = MAPPER.createObjectNode();
            p.put("type", "https://api.patientco.test/problems/" + e.code.replace('_', '-'));
            p.put("title", e.title());
            p.put("status", e.status);
            p.put("detail", e.getMessage());
            p.put("code", e.code);
            return new Idempotency.Answer(e.status, "application/problem+json", p.toString().getBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode create(JsonNode body) {
        String accountId = SandboxApi.text(body, "accountId")
                .orElseThrow(() -> new ApiError(422, "invalid_request", "accountId is required"));
        ObjectNode account = server.world().find(accountId)
                .orElseThrow(() -> new ApiError(404, "not_found", "No account with id " + accountId));
        BigDecimal amount = SandboxApi.money(body, "amount");
        BigDecimal due = new BigDecimal(account.get("balance").get("patientDue").asText());
        if (amount.signum() <= 0 || amount.compareTo(due) > 0) {
            throw new ApiError(422, "invalid_amount", "amount must be positive and at most the account's patientDue");
        }
        String token = SandboxApi.text(body, "paymentMethodToken").filter(t -> t.startsWith("tok_"))
                .orElseThrow(() -> new ApiError(422, "invalid_payment_method", "paymentMethodToken must be a tok_ token"));
        ObjectNode method = MAPPER.createObjectNode();
        method.put("type", "card");
        method.put("token", token);
        method.put("brand", "visa");
        method.put("last4", token.length() >= 8 ? token.substring(token.length() - 4).replaceAll("\\D", "0") : "0000");
        method.putNull("bankName");
        return server.clock().capture(accountId, amount, method, "api", SandboxApi.text(body, "statementId").orElse(null),
                null);
    }

    private ObjectNode void_(String paymentId) {
        server.world().find(paymentId).orElseThrow(() -> new ApiError(404, "not_found", "No payment " + paymentId));
        return server.clock().void_(paymentId).orElseThrow(() -> new ApiError(409, "already_settled",
                "The payment's batch has closed: refund it instead"));
    }

    private ObjectNode refund(String paymentId, JsonNode body) {
        ObjectNode payment = server.world().find(paymentId)
                .orElseThrow(() -> new ApiError(404, "not_found", "No payment " + paymentId));
        BigDecimal amount = SandboxApi.money(body, "amount");
        BigDecimal rest = new BigDecimal(payment.get("amount").asText())
                .subtract(new BigDecimal(payment.get("refundedAmount").asText()));
        String status = payment.get("status").asText();
        if (!status.equals("captured") && !status.equals("settled")) {
            throw new ApiError(409, "not_refundable", "Only captured or settled payments can be refunded");
        }
        if (amount.signum() <= 0 || amount.compareTo(rest) > 0) {
            throw new ApiError(422, "invalid_amount", "amount must be positive and at most the refundable rest " + rest);
        }
        return server.clock().refund(paymentId, amount, SandboxApi.text(body, "reason").orElse("requested"));
    }
}
