package com.patientcobridge.patientco.webhook;

/**
 * Where webhook deliveries come in: the application's web server (its TLS, its security), which
 * the {@code patientco:webhooks} consumer asks for a path. The component owns this interface; the
 * application implements it, so the component never depends on a web framework.
 */
public interface WebhookIngress {

    /** Starts handing the deliveries posted to {@code path} to {@code handler}. */
    void open(String path, WebhookHandler handler);

    /** Stops; deliveries to {@code path} are answered 503 until it is opened again. */
    void close(String path);

    /** What one delivery is answered. */
    record Answer(int status, String text) {
    }

    /** Takes one delivery: the raw body (already within the size limit) and its signature header. */
    @FunctionalInterface
    interface WebhookHandler {
        Answer handle(String signature, byte[] body);
    }
}
