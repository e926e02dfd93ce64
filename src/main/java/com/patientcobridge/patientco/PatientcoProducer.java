package com.patientcobridge.patientco;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.client.PatientcoHttp;
import com.patientcobridge.patientco.client.PatientcoHttpException;
import com.patientcobridge.patientco.client.RecordValidator;
import com.patientcobridge.patientco.model.Resource;
import com.patientcobridge.patientco.model.SettlementItem;
import com.patientcobridge.system.Json;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Reads one record ({@code get}, header {@code PatientcoId}), a settlement batch's items
 * ({@code items}, header {@code PatientcoSettlementId}), or writes money ({@code create},
 * {@code void}, {@code refund}: body a JSON object, header {@code PatientcoIdempotencyKey}).
 */
public class PatientcoProducer extends DefaultProducer {

    public static final String ID = "PatientcoId";
    public static final String SETTLEMENT_ID = "PatientcoSettlementId";
    public static final String IDEMPOTENCY_KEY = "PatientcoIdempotencyKey";
    public static final String STATUS = "PatientcoStatus";

    public PatientcoProducer(PatientcoEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public PatientcoEndpoint getEndpoint() {
        return (PatientcoEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        PatientcoClient client = getEndpoint().getComponent().getConnection().client();
        Resource resource = getEndpoint().getResource();
        String operation = resource == Resource.SETTLEMENT_ITEMS ? "items" : getEndpoint().getOperation();
        switch (operation) {
            case "get" -> {
                String id = exchange.getIn().getHeader(ID, String.class);
                JsonNode raw = client.one(resource, id);
                RecordValidator.validate(resource, raw);
                exchange.getMessage().setBody(Json.MAPPER.convertValue(raw, resource.recordType()));
            }
            case "items" -> exchange.getMessage().setBody(items(client,
                    exchange.getIn().getHeader(SETTLEMENT_ID, String.class)));
            case "create", "void", "refund" -> write(exchange, client, operation);
            default -> throw new IllegalArgumentException("Unknown patientco operation '" + operation + "'");
        }
    }

    static List<SettlementItem> items(PatientcoClient client, String batchId) {
        List<SettlementItem> items = new ArrayList<>();
        for (JsonNode raw : client.settlementItems(batchId)) {
            RecordValidator.validate(Resource.SETTLEMENT_ITEMS, raw);
            items.add(Json.MAPPER.convertValue(raw, SettlementItem.class));
        }
        return items;
    }

    private void write(Exchange exchange, PatientcoClient client, String operation) {
        String key = exchange.getIn().getHeader(IDEMPOTENCY_KEY, String.class);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A Patientco write needs the " + IDEMPOTENCY_KEY + " header");
        }
        JsonNode body = Json.MAPPER.valueToTree(exchange.getIn().getBody());
        String path = switch (operation) {
            case "create" -> "/api/v1/payments";
            case "void" -> "/api/v1/payments/" + exchange.getIn().getHeader(ID, String.class) + "/void";
            default -> "/api/v1/payments/" + exchange.getIn().getHeader(ID, String.class) + "/refunds";
        };
        PatientcoHttp.Answer answer = client.write(path, body, key);
        exchange.getMessage().setHeader(STATUS, answer.status());
        if (answer.status() >= 300) {
            throw new PatientcoHttpException(answer.status(), answer.errorCode(),
                    operation + " refused by Patientco: " + answer.status() + " " + answer.errorCode());
        }
        exchange.getMessage().setBody(answer.json());
    }
}
