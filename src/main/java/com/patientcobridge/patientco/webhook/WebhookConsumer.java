package com.patientcobridge.patientco.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.patientco.PatientcoConfiguration;
import com.patientcobridge.patientco.PatientcoConsumer;
import com.patientcobridge.patientco.PatientcoEndpoint;
import com.patientcobridge.system.BridgeHeaders;
import com.patientcobridge.system.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

/**
 * {@code patientco:webhooks}: receives Patientco's deliveries on the JDK HTTP server (its own port,
 * apart from the operations web server), checks signature and timestamp, drops event ids already
 * taken, hands the event to the route, and asks the affected resource's consumer for an immediate
 * incremental read: the webhook is a signal, the API stays the source of truth.
 */
public class WebhookConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookConsumer.class);
    public static final String EVENT_ID = "PatientcoEventId";
    public static final String EVENT_TYPE = "PatientcoEventType";

    private HttpServer server;
    private ExecutorService reads;
    private IdempotentRepository eventIds;

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
        eventIds = getEndpoint().getComponent().getWebhookEventRepository();
        if (eventIds == null) {
            DataSource ds = getEndpoint().getCamelContext().getRegistry().findSingleByType(DataSource.class);
            eventIds = ds != null ? EventIds.repository(ds, "patientco-webhooks")
                    : MemoryIdempotentRepository.memoryIdempotentRepository(10_000);
        }
        reads = Executors.newSingleThreadExecutor(r -> new Thread(r, "patientco-webhook-reads"));
        server = HttpServer.create(new InetSocketAddress(config.getWebhookPort()), 64);
        server.createContext(config.getWebhookPath(), this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> new Thread(r, "patientco-webhooks")));
        server.start();
        LOG.info("Patientco webhook receiver on port {} at {}", port(), config.getWebhookPath());
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
        if (reads != null) {
            reads.shutdownNow();
        }
        super.doStop();
    }

    /** The port actually bound (useful with webhookPort=0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            if (!http.getRequestMethod().equals("POST")) {
                answer(http, 405, "POST only");
                return;
            }
            byte[] body = http.getRequestBody().readAllBytes();
            PatientcoConfiguration config = getEndpoint().getConfiguration();
            String problem = WebhookSignature.problem(http.getRequestHeaders().getFirst("Patientco-Signature"), body,
                    config.getWebhookSecret(), Instant.now(), config.webhookToleranceDuration());
            if (problem != null) {
                LOG.warn("Webhook delivery refused: {}", problem);
                answer(http, 401, problem);
                return;
            }
            JsonNode event = Json.MAPPER.readTree(body);
            String id = event.path("id").asText("");
            String type = event.path("type").asText("");
            if (!id.startsWith("evt_")) {
                answer(http, 400, "event without an evt_ id");
                return;
            }
            // Taken before it is processed, so two deliveries of one event at once cannot both pass;
            // given back if processing fails, so the sender's retry is taken.
            if (!eventIds.add(id)) {
                LOG.info("Webhook event {} ({}) already taken; dropped", id, type);
                answer(http, 200, "duplicate");
                return;
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
                answer(http, 500, "not taken");
                return;
            }
            trigger(resource);
            answer(http, 200, "taken");
        } catch (Exception e) {
            LOG.warn("Webhook delivery failed: {}", e.getClass().getSimpleName());
            answer(http, 500, "not taken");
        }
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
                LOG.warn("Read of {} after a webhook failed: {}", resource, e.getMessage());
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

    private static void answer(HttpExchange http, int status, String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "text/plain");
            http.sendResponseHeaders(status, bytes.length);
            http.getResponseBody().write(bytes);
        } catch (IOException e) {
            // The sender retries until it gets a 2xx.
        }
    }
}
