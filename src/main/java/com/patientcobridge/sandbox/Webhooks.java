package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.Exchange.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.sandbox.Exchange.ApiError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook subscriptions and their deliveries. Events raised while the clock runs or a write is
 * answered are held until {@link #flush()}, then posted to every subscription that wants them,
 * signed as the contract says, at least once, retried with doubling delays until a 2xx. The faults
 * add duplicate deliveries and release a flush's events in reverse order.
 */
public final class Webhooks implements AutoCloseable {

    public static final List<String> TYPES = List.of("payment.captured", "payment.voided", "payment.failed",
            "refund.completed", "chargeback.opened", "chargeback.resolved", "statement.updated",
            "settlement.closed", "settlement.deposited");
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final int LOG_SIZE = 1_000;

    record Subscription(String id, String url, Set<String> events, String secret, Instant createdAt) {
    }

    /** One attempt's outcome, kept for {@code GET /sandbox/webhooks} (status 0: no answer). */
    public record Attempt(String eventId, String type, String subscriptionId, int attempt, int status, Instant at) {
    }

    private final Faults faults;
    private final SignedLinks links;
    private final Clock wallClock;
    private final Map<String, Subscription> subscriptions = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<ObjectNode> held = new ArrayList<>();
    private final Deque<Attempt> attempts = new ArrayDeque<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final CloseableHttpClient http = HttpClients.custom().disableAutomaticRetries().disableRedirectHandling()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDefaultConnectionConfig(
                    ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2)).build()).build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(10)).build()).build();
    private final AtomicInteger inFlight = new AtomicInteger();
    private long nextEvent;
    private long nextSubscription;
    private volatile Duration retryBase = Duration.ofSeconds(2);
    private volatile int maxAttempts = 12;

    Webhooks(Faults faults, SignedLinks links, Clock wallClock) {
        this.faults = faults;
        this.links = links;
        this.wallClock = wallClock;
    }

    /** First retry after this delay, doubling each time (capped at one hour). */
    public Webhooks retryBase(Duration value) {
        retryBase = value;
        return this;
    }

    /** Attempts before a delivery is given up (and logged as such). */
    public Webhooks maxAttempts(int value) {
        maxAttempts = value;
        return this;
    }

    ObjectNode subscribe(JsonNode body) {
        String url = SandboxApi.text(body, "url").orElse("");
        if (!url.matches("https?://\\S+")) {
            throw new ApiError(422, "invalid_url", "url must be an http or https URL");
        }
        JsonNode events = body.get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw new ApiError(422, "invalid_events", "events must be a non-empty list of event types");
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode e : events) {
            if (!TYPES.contains(e.asText())) {
                throw new ApiError(422, "invalid_events", "Unknown event type '" + e.asText() + "'");
            }
            types.add(e.asText());
        }
        // Like Stripe: a secret the caller does not choose is made here and shown once.
        String secret = SandboxApi.text(body, "secret").filter(s -> !s.isBlank()).orElseGet(Webhooks::newSecret);
        ObjectNode answer = describe(subscriptions.get(subscribe(url, types, secret)));
        answer.put("secret", secret);
        return answer;
    }

    /** Subscribes {@code url} to {@code types} (checked by the caller); gives the subscription id. */
    public String subscribe(String url, Set<String> types, String secret) {
        Subscription s;
        synchronized (this) {
            s = new Subscription("whk_" + SandboxData.pad(++nextSubscription), url, Collections.unmodifiableSet(new LinkedHashSet<>(types)), secret,
                    wallClock.instant());
        }
        subscriptions.put(s.id(), s);
        return s.id();
    }

    ObjectNode list() {
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode data = page.putArray("data");
        synchronized (subscriptions) {
            subscriptions.values().forEach(s -> data.add(describe(s)));
        }
        page.putNull("nextCursor");
        return page;
    }

    public boolean unsubscribe(String id) {
        return subscriptions.remove(id) != null;
    }

    /** Holds an event about {@code data} (copied now: later changes are later events). */
    synchronized void emit(String type, ObjectNode data, Instant createdAt) {
        if (subscriptions.isEmpty()) {
            return;
        }
        ObjectNode event = MAPPER.createObjectNode();
        event.put("id", "evt_" + SandboxData.pad(++nextEvent));
        event.put("type", type);
        event.put("createdAt", createdAt.toString());
        ObjectNode copy = data.deepCopy();
        if (copy.path("id").asText().startsWith("stm_")) {
            links.addTo(copy);
        }
        event.set("data", copy);
        held.add(event);
    }

    /** Releases the held events to their subscriptions, in order unless the out-of-order fault is on. */
    void flush() {
        List<ObjectNode> events;
        synchronized (this) {
            events = new ArrayList<>(held);
            held.clear();
        }
        if (faults.webhookOutOfOrder()) {
            Collections.reverse(events);
        }
        List<Subscription> targets;
        synchronized (subscriptions) {
            targets = List.copyOf(subscriptions.values());
        }
        for (ObjectNode event : events) {
            byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
            String type = event.get("type").asText();
            String id = event.get("id").asText();
            for (Subscription s : targets) {
                if (s.events().contains(type)) {
                    send(s, id, type, body);
                    if (duplicated(id)) {
                        send(s, id, type, body);
                    }
                }
            }
        }
    }

    private void send(Subscription s, String id, String type, byte[] body) {
        inFlight.incrementAndGet();
        sender.execute(() -> deliver(s, id, type, body, 1));
    }

    /** Deliveries not yet answered with a 2xx nor given up. */
    public int inFlight() {
        return inFlight.get();
    }

    private boolean duplicated(String eventId) {
        double share = faults.webhookDuplicateShare();
        return share > 0 && new SplittableRandom(eventId.hashCode() * 0x9E3779B97F4A7C15L).nextDouble() < share;
    }

    private void deliver(Subscription s, String eventId, String type, byte[] body, int attempt) {
        if (!subscriptions.containsKey(s.id())) {
            inFlight.decrementAndGet();
            return;
        }
        int status = 0;
        try {
            long t = wallClock.instant().getEpochSecond();
            HttpPost request = new HttpPost(URI.create(s.url()));
            request.setHeader("Patientco-Signature", "t=" + t + ",v1=" + hmac(s.secret(), t + ".", body));
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            status = http.execute(request, response -> response.getCode());
        } catch (Exception e) {
            status = 0;
        }
        record(new Attempt(eventId, type, s.id(), attempt, status, wallClock.instant()));
        if (status / 100 == 2) {
            inFlight.decrementAndGet();
            return;
        }
        if (attempt >= maxAttempts) {
            LOG.warn("Webhook {} to subscription {} given up after {} attempts", eventId, s.id(), attempt);
            inFlight.decrementAndGet();
            return;
        }
        long delay = Math.min(TimeUnit.HOURS.toMillis(1), retryBase.toMillis() << Math.min(20, attempt - 1));
        sender.schedule(() -> deliver(s, eventId, type, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void record(Attempt a) {
        attempts.addLast(a);
        if (attempts.size() > LOG_SIZE) {
            attempts.removeFirst();
        }
    }

    /** The last attempts, newest last. */
    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    private static ObjectNode describe(Subscription s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("url", s.url());
        ArrayNode events = n.putArray("events");
        s.events().forEach(events::add);
        n.put("createdAt", s.createdAt().toString());
        return n;
    }

    static String hmac(String secret, String prefix, byte[] body) {
        Mac mac = HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, secret.getBytes(StandardCharsets.UTF_8));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return Hex.encodeHexString(mac.doFinal(body));
    }

    /** A signing secret as the sandbox makes them ({@code whsec_} and 48 hex digits). */
    public static String newSecret() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return "whsec_" + HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        sender.shutdownNow();
        http.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE);
    }
}
