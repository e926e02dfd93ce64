package com.patientcobridge.patientco;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.patientco.webhook.EventIds;
import com.patientcobridge.patientco.webhook.WebhookEvents;
import com.patientcobridge.patientco.webhook.WebhookIngress;
import com.patientcobridge.patientco.webhook.WebhookSignature;
import com.patientcobridge.system.BridgeHeaders;
import com.patientcobridge.system.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * {@code patientco:webhooks}: takes Patientco's deliveries from the application's web server
 * ({@link WebhookIngress}), checks the signature and timestamp before the body is parsed, drops
 * event ids already taken, hands the event to the route, and asks the affected resource's consumer
 * for an immediate incremental read: the webhook is a signal, the API stays the source of truth.
 * Every delivery is answered: 401 forged or stale, 400 not an event, 200 taken or duplicate, 503
 * when the bridge cannot record it now (the sender retries).
 */
public class WebhookConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookConsumer.class);
    public static final String EVENT_ID = "PatientcoEventId";
    public static final String EVENT_TYPE = "PatientcoEventType";

    private ExecutorService reads;
    private IdempotentRepository eventIds;
    private WebhookIngress ingress;

    public WebhookConsumer(PatientcoEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public PatientcoEndpoint getEndpoint() {
        return (PatientcoEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PatientcoConfiguration config = getEndpoint().getConfiguration();
        if (config.getWebhookSecret() == null || config.getWebhookSecret().isBlank()) {
            throw new IllegalStateException("patientco:webhooks needs webhookSecret (PATIENTCO_WEBHOOK_SECRET)");
        }
        ingress = getEndpoint().getCamelContext().getRegistry().findSingleByType(WebhookIngress.class);
        if (ingress == null) {
            throw new IllegalStateException("patientco:webhooks needs a WebhookIngress (the application's web server)");
        }
        eventIds = getEndpoint().getComponent().getWebhookEventRepository();
        if (eventIds == null) {
            DataSource ds = getEndpoint().getCamelContext().getRegistry().findSingleByType(DataSource.class);
            eventIds = ds != null ? EventIds.repository(ds, "patientco-webhooks")
                    : MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        }
        reads = Executors.newSingleThreadExecutor(r -> new Thread(r, "patientco-webhook-reads"));
        ingress.open(config.getWebhookPath(), this::handle);
        LOG.info("Patientco webhooks taken at {}", config.getWebhookPath());
    }

    @Override
    protected void doStop() throws Exception {
        if (ingress != null) {
            ingress.close(getEndpoint().getConfiguration().getWebhookPath());
        }
        if (reads != null) {
            reads.shutdownNow();
        }
        super.doStop();
    }

    WebhookIngress.Answer handle(String signature, byte[] body) {
        PatientcoConfiguration config = getEndpoint().getConfiguration();
        String problem = WebhookSignature.problem(signature, body, config.getWebhookSecret(), Instant.now(),
                config.webhookToleranceDuration());
        if (problem != null) {
            LOG.warn("Webhook delivery refused: {}", problem);
            return new WebhookIngress.Answer(401, problem);
        }
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            LOG.warn("Webhook delivery signed but not JSON: answered 400");
            return new WebhookIngress.Answer(400, "the body is not JSON");
        }
        String id = event == null ? "" : event.path("id").asText("");
        String type = event == null ? "" : event.path("type").asText("");
        if (!id.startsWith("evt_") || id.length() > 64) {
            return new WebhookIngress.Answer(400, "event without an evt_ id");
        }
        // Taken before it is processed, so two deliveries of one event at once cannot both pass;
        // given back if processing fails, so the sender's retry is taken.
        try {
            if (!eventIds.add(id)) {
                LOG.info("Webhook event {} ({}) already taken; dropped", id, type);
                return new WebhookIngress.Answer(200, "duplicate");
            }
        } catch (DataIntegrityViolationException e) {
            LOG.info("Webhook event {} ({}) taken by a delivery at the same time; dropped", id, type);
            return new WebhookIngress.Answer(200, "duplicate");
        } catch (DataAccessException e) {
            LOG.warn("Webhook event {} not recorded: the database is unavailable; answered 503", id);
            return new WebhookIngress.Answer(503, "cannot record the event now");
        }
        String resource = WebhookEvents.resourceOf(type);
        Exchange exchange = getEndpoint().createExchange();
        exchange.getIn().setBody(event);
        exchange.getIn().setHeader(EVENT_ID, id);
        exchange.getIn().setHeader(EVENT_TYPE, type);
        exchange.getIn().setHeader(BridgeHeaders.RESOURCE, resource);
        exchange.getIn().setHeader(BridgeHeaders.PATIENTCO_ID, event.path("data").path("id").asText(null));
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            eventIds.remove(id);
            LOG.warn("Webhook event {} failed in the route ({}); answered 500 so it is sent again", id,
                    exchange.getException().getClass().getSimpleName());
            return new WebhookIngress.Answer(500, "not taken");
        }
        trigger(resource);
        return new WebhookIngress.Answer(200, "taken");
    }

    /** An immediate incremental read of the resource, on its own thread so Patientco gets its 2xx at once. */
    private void trigger(String resource) {
        if (resource == null) {
            return;
        }
        Optional<PatientcoConsumer> source = consumerOf(resource);
        if (source.isEmpty()) {
            LOG.info("Webhook for {}: no patientco:{} route to read it", resource, resource);
            return;
        }
        reads.submit(() -> {
            try {
                source.get().requestRun("webhook");
            } catch (RuntimeException e) {
                LOG.warn("Read of {} after a webhook failed: {}", resource, e.getClass().getSimpleName());
            }
        });
    }

    private Optional<PatientcoConsumer> consumerOf(String resource) {
        for (Route route : getEndpoint().getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof PatientcoConsumer c && c.job().equals(resource)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
