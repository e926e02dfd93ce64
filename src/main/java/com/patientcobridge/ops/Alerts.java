package com.patientcobridge.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.system.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts for people: new dead letters and failed runs, posted as JSON ({@code {"text": ...}}, which
 * Slack, Teams and most alert managers take) to a configured webhook. Throttled per kind: the first
 * event after a quiet spell goes out at once, the rest of the window is summed up in one alert at
 * its end, so a retry storm sends two alerts, not thousands. Alerts name flows, jobs and counts,
 * never a patient or a message body. Posted through camel-http.
 */
public final class Alerts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final URI webhook;
    private final Duration window;
    private final String node;
    private final Clock clock;
    /** The alert's own URL ({@code CamelHttpUri}) replaces the endpoint's address. */
    private static final String ENDPOINT = "http://alerts?throwExceptionOnFailure=false&followRedirects=false"
            + "&connectTimeout=5000&responseTimeout=10000";
    private final ProducerTemplate camel;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bridge-alerts");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    /** One kind's throttle: when it last sent, and what has happened since. */
    private static final class Kind {
        Instant lastSent;
        int held;
        String latest;
        boolean summaryScheduled;
    }

    public Alerts(ProducerTemplate camel, String webhookUrl, Duration window, String node, Clock clock) {
        this.camel = camel;
        this.webhook = webhookUrl == null || webhookUrl.isBlank() ? null : URI.create(webhookUrl);
        this.window = window;
        this.node = node;
        this.clock = clock;
    }

    /** Something a person should look at; {@code what} names the record or job, not a patient. */
    public void raise(String kind, String what) {
        Instant now = clock.instant();
        synchronized (kinds) {
            Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
            if (k.lastSent == null || !now.isBefore(k.lastSent.plus(window))) {
                k.lastSent = now;
                post(kind, 1, what);
                return;
            }
            k.held++;
            k.latest = what;
            if (!k.summaryScheduled) {
                k.summaryScheduled = true;
                long delay = Duration.between(now, k.lastSent.plus(window)).toMillis();
                sender.schedule(() -> summarise(kind), Math.max(0, delay), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void summarise(String kind) {
        synchronized (kinds) {
            Kind k = kinds.get(kind);
            k.summaryScheduled = false;
            if (k.held == 0) {
                return;
            }
            k.lastSent = clock.instant();
            post(kind, k.held, k.latest);
            k.held = 0;
            k.latest = null;
        }
    }

    private void post(String kind, int count, String latest) {
        String text = count == 1 ? "Patientco Bridge (" + node + "): " + kind + ": " + latest
                : "Patientco Bridge (" + node + "): " + count + " more " + kind + " alerts in the last " + window
                        + "; latest: " + latest;
        LOG.warn("Alert: {}", text);
        if (webhook == null) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("text", text);
        body.put("kind", kind);
        body.put("count", count);
        body.put("node", node);
        // Sent off the caller's thread (often inside a flow); a failed alert is logged, never retried into a storm.
        sender.execute(() -> {
            Exchange sent = camel.send(ENDPOINT, e -> {
                e.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                e.getIn().setHeader(Exchange.HTTP_URI, webhook.toString());
                e.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
                e.getIn().setBody(body.toString());
            });
            if (sent.getException() != null) {
                LOG.warn("Alert webhook unreachable: {}", sent.getException().getClass().getSimpleName());
                return;
            }
            Integer status = sent.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null || status / 100 != 2) {
                LOG.warn("Alert webhook answered {}", status);
            }
        });
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
