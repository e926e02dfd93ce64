package com.patientcobridge.sandbox;

import com.patientcobridge.patientco.PatientcoConfiguration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * With the in-process sandbox and webhooks on, subscribes the bridge's webhook endpoint (on the
 * application's own server) to every event type once the application is ready, so the embedded
 * default shows webhooks end to end. With a real Patientco the hospital registers the URL with
 * Patientco; this class is not there.
 */
final class SandboxWebhookSubscription implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxWebhookSubscription.class);
    private final SandboxServer sandbox;
    private final PatientcoConfiguration bridge;

    SandboxWebhookSubscription(SandboxServer sandbox, PatientcoConfiguration bridge) {
        this.sandbox = sandbox;
        this.bridge = bridge;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        String url = "http://127.0.0.1:" + web.getWebServer().getPort() + bridge.getWebhookPath();
        String id = sandbox.webhooks().subscribe(url, Set.copyOf(Webhooks.TYPES), bridge.getWebhookSecret());
        LOG.info("Sandbox webhooks ({}) go to the bridge's {}", id, bridge.getWebhookPath());
    }
}
