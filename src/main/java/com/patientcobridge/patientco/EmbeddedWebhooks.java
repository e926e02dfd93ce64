package com.patientcobridge.patientco;

import com.patientcobridge.patientco.webhook.WebhookConsumer;
import com.patientcobridge.sandbox.SandboxServer;
import com.patientcobridge.sandbox.Webhooks;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With the in-process sandbox, subscribes the bridge's own webhook receiver to every event type
 * once Camel has started it, so the embedded default shows webhooks end to end. With a real
 * Patientco the hospital registers the receiver's URL with Patientco; nothing happens here.
 */
public final class EmbeddedWebhooks implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWebhooks.class);
    private final SandboxServer sandbox;
    private final PatientcoConfiguration config;

    EmbeddedWebhooks(SandboxServer sandbox, PatientcoConfiguration config) {
        this.sandbox = sandbox;
        this.config = config;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        if (sandbox == null) {
            return;
        }
        for (Route route : camel.getRoutes()) {
            if (route.getConsumer() instanceof WebhookConsumer receiver && camel.getRouteController()
                    .getRouteStatus(route.getRouteId()).isStarted()) {
                String url = "http://127.0.0.1:" + receiver.port() + config.getWebhookPath();
                String id = sandbox.webhooks().subscribe(url, Set.copyOf(Webhooks.TYPES), config.getWebhookSecret());
                LOG.info("Sandbox webhooks ({}) go to route {} on port {}", id, route.getRouteId(), receiver.port());
            }
        }
    }
}
