package com.patientcobridge.patientco.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Resource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a raw record against the contract before the bridge uses it: ids with their prefix,
 * money as decimal strings with two places, known statuses, ISO dates. The first fault found
 * is reported with the record id and the field path.
 */
public final class RecordValidator {

    private static final Pattern MONEY = Pattern.compile("-?\\d{1,12}\\.\\d{2}");

    /** One rule: the field path, its kind, whether it must be present, and the allowed values of an enum. */
    record Rule(String path, String kind, boolean required, Set<String> values) {
        static Rule req(String path, String kind) {
            return new Rule(path, kind, true, Set.of());
        }

        static Rule opt(String path, String kind) {
            return new Rule(path, kind, false, Set.of());
        }

        static Rule oneOf(String path, String... values) {
            return new Rule(path, "enum", true, Set.of(values));
        }
    }

    private static final Map<Resource, List<Rule>> RULES = Map.of(
            Resource.ACCOUNTS, List.of(Rule.req("id", "acc_"), Rule.req("facilityId", "fac_"),
                    Rule.oneOf("status", "active", "closed", "collections", "bad_debt"), Rule.req("guarantor.id", "gtr_"),
                    Rule.req("guarantor.lastName", "text"), Rule.req("patients", "array"),
                    Rule.opt("balance.patientDue", "money"), Rule.req("updatedAt", "instant")),
            Resource.STATEMENTS, List.of(Rule.req("id", "stm_"), Rule.req("accountId", "acc_"),
                    Rule.req("statementDate", "date"), Rule.req("amountDue", "money"), Rule.req("updatedAt", "instant")),
            Resource.PAYMENTS, List.of(Rule.req("id", "pay_"), Rule.req("accountId", "acc_"), Rule.req("amount", "money"),
                    Rule.oneOf("status", "pending", "captured", "settled", "failed", "voided"),
                    Rule.req("refundedAmount", "money"), Rule.req("method.token", "tok_"), Rule.req("updatedAt", "instant")),
            Resource.REFUNDS, List.of(Rule.req("id", "ref_"), Rule.req("paymentId", "pay_"), Rule.req("amount", "money"),
                    Rule.oneOf("status", "pending", "completed", "failed"), Rule.req("updatedAt", "instant")),
            Resource.CHARGEBACKS, List.of(Rule.req("id", "cbk_"), Rule.req("paymentId", "pay_"),
                    Rule.req("amount", "money"), Rule.oneOf("status", "opened", "won", "lost"),
                    Rule.req("updatedAt", "instant")),
            Resource.SETTLEMENTS, List.of(Rule.req("id", "stl_"), Rule.req("facilityId", "fac_"),
                    Rule.oneOf("status", "open", "closed", "deposited"), Rule.req("grossAmount", "money"),
                    Rule.req("refundAmount", "money"), Rule.req("chargebackAmount", "money"),
                    Rule.req("feeAmount", "money"), Rule.req("netAmount", "money"), Rule.req("itemCount", "int"),
                    Rule.opt("depositDate", "date"), Rule.req("updatedAt", "instant")),
            Resource.SETTLEMENT_ITEMS, List.of(Rule.req("id", "sti_"),
                    Rule.oneOf("type", "sale", "refund", "chargeback", "chargeback_reversal", "fee"),
                    Rule.req("amount", "money"), Rule.req("occurredAt", "instant")),
            Resource.PAYMENT_PLANS, List.of(Rule.req("id", "pln_"), Rule.req("accountId", "acc_"),
                    Rule.oneOf("status", "active", "completed", "defaulted", "cancelled"),
                    Rule.req("totalAmount", "money"), Rule.req("remainingBalance", "money"),
                    Rule.opt("nextDraftDate", "date"), Rule.req("updatedAt", "instant")),
            Resource.COMMUNICATIONS, List.of(Rule.req("id", "com_"), Rule.req("accountId", "acc_"),
                    Rule.oneOf("status", "queued", "sent", "delivered", "failed", "opted_out"),
                    Rule.req("updatedAt", "instant")),
            Resource.FACILITIES, List.of(Rule.req("id", "fac_"), Rule.req("name", "text")));

    private RecordValidator() {
    }

    /** Throws {@link MalformedRecordException} for the first rule the record breaks. */
    public static void validate(Resource resource, JsonNode record) {
        JsonNode idNode = record.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
        for (Rule rule : RULES.getOrDefault(resource, List.of())) {
            JsonNode v = at(record, rule.path());
            if (v == null || v.isNull()) {
                if (rule.required()) {
                    throw new MalformedRecordException(id, rule.path(), "is missing");
                }
                continue;
            }
            String problem = check(rule, v);
            if (problem != null) {
                throw new MalformedRecordException(id, rule.path(), problem);
            }
        }
    }

    private static String check(Rule rule, JsonNode v) {
        String kind = rule.kind();
        if (kind.equals("array")) {
            return v.isArray() ? null : "must be a list";
        }
        if (kind.equals("int")) {
            return v.isInt() ? null : "must be a whole number";
        }
        if (!v.isTextual()) {
            return "must be a string, found " + v.getNodeType().name().toLowerCase();
        }
        String text = v.asText();
        switch (kind) {
            case "money" -> {
                return MONEY.matcher(text).matches() ? null : "is '" + text + "', expected a decimal with two places";
            }
            case "enum" -> {
                return rule.values().contains(text) ? null : "has unknown value '" + text + "'";
            }
            case "instant" -> {
                try {
                    Instant.parse(text);
                    return null;
                } catch (RuntimeException e) {
                    return "is not an ISO-8601 instant";
                }
            }
            case "date" -> {
                try {
                    LocalDate.parse(text);
                    return null;
                } catch (RuntimeException e) {
                    return "is not a YYYY-MM-DD date";
                }
            }
            case "text" -> {
                return text.isBlank() ? "is empty" : null;
            }
            default -> {
                return text.startsWith(kind) && text.length() <= 32 ? null
                        : "must be an id starting with " + kind + " (at most 32 characters)";
            }
        }
    }

    private static JsonNode at(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }
}
