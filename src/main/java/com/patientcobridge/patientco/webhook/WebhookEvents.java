package com.patientcobridge.patientco.webhook;

import java.util.Map;

/** Which resource a webhook event type is about ({@code payment.captured} -> {@code payments}). */
public final class WebhookEvents {

    private static final Map<String, String> RESOURCES = Map.of("payment", "payments", "refund", "refunds",
            "chargeback", "chargebacks", "statement", "statements", "settlement", "settlements", "account", "accounts",
            "payment_plan", "payment-plans", "communication", "communications");

    private WebhookEvents() {
    }

    /** The resource path, or null for a type the bridge does not know. */
    public static String resourceOf(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? null : RESOURCES.get(type.substring(0, dot));
    }
}
