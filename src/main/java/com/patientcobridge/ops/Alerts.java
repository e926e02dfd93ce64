package com.patientcobridge.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.system.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts for people: new dead letters and failed runs, posted as JSON ({@code {"text": ...}}, which
 * Slack, Teams and most alert managers take) to a configured webhook. Throttled per kind: the first
 * event after a quiet spell goes out at once, the rest of the window is summed up in one alert at
 * its end, so a retry storm sends two alerts, not thousands. Alerts name flows, jobs and counts,
 * never a patient or a message body.
 */
public final class Alerts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

    private final URI webhook;
    private final Duration window;
    private final String node;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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

    public Alerts(String webhookUrl, Duration window, String node, Clock clock) {
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
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        // Sent off the caller's thread (often inside a flow); a failed alert is logged, never retried into a storm.
        sender.execute(() -> {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 != 2) {
                    LOG.warn("Alert webhook answered {}", status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Alert webhook unreachable: {}", e.getClass().getSimpleName());
            }
        });
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
