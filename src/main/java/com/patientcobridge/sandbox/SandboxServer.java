package com.patientcobridge.sandbox;

import com.patientcobridge.sandbox.Exchange.ApiError;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Patientco sandbox: the vendor contract served over HTTP from generated, deterministic data,
 * with faults on demand. No Spring inside, so tests start one in milliseconds.
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

    private final HttpServer http;
    private final ExecutorService pool;
    private final SandboxSettings settings;
    private final Faults faults;
    private final Sessions sessions;
    private final RateLimit rateLimit = new RateLimit(1200);
    private final SandboxApi api = new SandboxApi(this);
    private final SandboxWrites writes = new SandboxWrites(this);
    private final SandboxControls controls = new SandboxControls(this);
    private final SandboxPortal portal = new SandboxPortal(this);
    private final Idempotency idempotency = new Idempotency(Clock.systemUTC());
    private volatile SandboxWorld world;
    private volatile SandboxClock clock;
    private volatile Lists lists;
    private final Webhooks webhooks;
    private final SignedLinks links = new SignedLinks(42, Clock.systemUTC(), this::baseUrl);

    private SandboxServer(SandboxSettings settings, String host, int port) throws IOException {
        this.settings = settings;
        this.faults = settings.faults();
        this.webhooks = new Webhooks(faults, links, Clock.systemUTC());
        this.sessions = new Sessions(settings, Clock.systemUTC());
        reset(settings);
        this.http = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.pool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(false);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Starts a sandbox on 127.0.0.1 ({@code port} 0: any free port). */
    public static SandboxServer start(SandboxSettings settings, int port) {
        return start(settings, "127.0.0.1", port);
    }

    public static SandboxServer start(SandboxSettings settings, String host, int port) {
        try {
            return new SandboxServer(settings, host, port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Patientco sandbox on port " + port, e);
        }
    }

    /** Replaces the data with a new seed and scale; sessions survive. */
    void reset(SandboxSettings next) {
        SandboxWorld w = new SandboxWorld(next);
        this.world = w;
        this.clock = new SandboxClock(w, webhooks);
        this.lists = new Lists(w, faults, links);
    }

    /** The server's root (API under /api/v1, OAuth at /oauth/token, controls under /sandbox). */
    public String baseUrl() {
        return "http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public SandboxSettings settings() {
        return settings;
    }

    public Faults faults() {
        return faults;
    }

    public SandboxClock clock() {
        return clock;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public MfaOutbox outbox() {
        return sessions.outbox();
    }

    SandboxWorld world() {
        return world;
    }

    Lists lists() {
        return lists;
    }

    SandboxWrites writes() {
        return writes;
    }

    Idempotency idempotency() {
        return idempotency;
    }

    private void handle(com.sun.net.httpserver.HttpExchange raw) throws IOException {
        Exchange ex = new Exchange(raw);
        try {
            String[] parts = ex.path.split("/");
            if (ex.path.startsWith("/sandbox")) {
                controls.handle(ex, parts);
                return;
            }
            if (ex.path.startsWith("/files/statements/") && ex.method.equals("GET")) {
                if (!links.valid(ex.path, ex.query.get("expires"), ex.query.get("signature"))) {
                    throw new ApiError(403, "link_expired_or_altered", "The signed link has expired or was altered");
                }
                String id = parts[3].replace(".pdf", "");
                ex.send(200, "application/pdf", faults.pdf(id, StatementPdf.render(world.find(id)
                        .orElseThrow(() -> new ApiError(404, "not_found", "No statement " + id)))));
                return;
            }
            if (ex.path.startsWith("/portal")) {
                portal.handle(ex, parts);
                return;
            }
            if (faults.latencyMillis() > 0) {
                TimeUnit.MILLISECONDS.sleep(faults.latencyMillis());
            }
            // Every answer carries the rate-limit headers, a 401 before the caller is known included;
            // take() below replaces them with the caller's own window.
            rateLimit.headers(ex, "anonymous");
            if (ex.path.equals("/oauth/token") || ex.path.startsWith("/api/v1/sessions")) {
                new SessionEndpoints(sessions).handle(ex, parts);
                return;
            }
            if (!ex.path.startsWith("/api/v1/") || parts.length < 4) {
                throw new ApiError(404, "not_found", "No such endpoint: " + ex.path);
            }
            String user = sessions.authenticate(ex.header("Authorization"));
            if (!rateLimit.take(ex, user) || faults.roll() < faults.share429()) {
                raw.getResponseHeaders().set("Retry-After", "1");
                throw new ApiError(429, "rate_limited", "Too many requests; retry after the Retry-After delay");
            }
            double roll = faults.roll();
            if (roll < faults.share5xx()) {
                int status = roll < faults.share5xx() / 3 ? 500 : roll < faults.share5xx() * 2 / 3 ? 502 : 503;
                throw new ApiError(status, "server_error", "Injected transient fault");
            }
            api.handle(ex, user, parts);
        } catch (ApiError e) {
            ex.problem(e);
        } catch (Sessions.AuthError e) {
            ex.problem(new ApiError(e.status, e.code, "Authentication failed: " + e.code));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Sandbox request {} {} failed: {}", ex.method, ex.path, e.toString());
            ex.problem(new ApiError(500, "server_error", "Unexpected sandbox error"));
        } finally {
            raw.close();
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
        webhooks.close();
    }
}
