package com.patientcobridge.patientco.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.system.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an inbound payment file: CSV with a header ({@code account,amount,payment_method_token,reference})
 * or JSON (an array of objects with {@code account}/{@code accountId}, {@code amount},
 * {@code paymentMethodToken}/{@code token}, {@code reference}).
 */
public final class PaymentFiles {

    private static final Set<String> ACCOUNT = Set.of("account", "accountid", "account_id");
    private static final Set<String> AMOUNT = Set.of("amount");
    private static final Set<String> TOKEN = Set.of("payment_method_token", "paymentmethodtoken", "token",
            "payment_method", "paymentmethod");
    private static final Set<String> REFERENCE = Set.of("reference", "ref");

    private PaymentFiles() {
    }

    public static List<PaymentRequest> parse(String fileName, String content) {
        String trimmed = content.strip();
        if (fileName.toLowerCase().endsWith(".json") || trimmed.startsWith("[")) {
            return json(trimmed);
        }
        return csv(content);
    }

    private static List<PaymentRequest> csv(String content) {
        String[] lines = content.replace("\r", "").split("\n");
        List<String> header = new ArrayList<>();
        for (String h : lines[0].split(",", -1)) {
            header.add(h.strip().toLowerCase());
        }
        List<PaymentRequest> requests = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String[] f = lines[n].split(",", -1);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < f.length; i++) {
                values.put(i < header.size() ? header.get(i) : "column" + (i + 1), unquote(f[i]));
            }
            requests.add(request(n + 1, values));
        }
        return requests;
    }

    private static List<PaymentRequest> json(String content) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(content);
        } catch (Exception e) {
            throw new IllegalArgumentException("The file is not valid JSON");
        }
        List<PaymentRequest> requests = new ArrayList<>();
        int n = 0;
        for (JsonNode item : root.isArray() ? root : root.path("payments")) {
            n++;
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey().toLowerCase(), e.getValue().isValueNode() ? e.getValue().asText()
                        : e.getValue().toString());
            }
            requests.add(request(n, values));
        }
        return requests;
    }

    private static PaymentRequest request(int line, Map<String, String> values) {
        String account = take(values, ACCOUNT);
        String amount = take(values, AMOUNT);
        String token = take(values, TOKEN);
        String reference = take(values, REFERENCE);
        return new PaymentRequest(line, account, amount, token, reference, values);
    }

    private static String take(Map<String, String> values, Set<String> names) {
        for (String name : names) {
            if (values.containsKey(name)) {
                String v = values.remove(name);
                return v == null || v.isBlank() ? null : v.strip();
            }
        }
        return null;
    }

    private static String unquote(String v) {
        String s = v.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
