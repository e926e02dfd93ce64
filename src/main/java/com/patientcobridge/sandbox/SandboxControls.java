package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.Exchange.MAPPER;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.patientcobridge.sandbox.Exchange.ApiError;
import java.io.IOException;
import java.time.Duration;

/**
 * The sandbox's own controls under {@code /sandbox} (not Patientco's): faults, the clock, the MFA
 * outbox and a reset with a new seed and scale.
 */
final class SandboxControls {

    private final SandboxServer server;

    SandboxControls(SandboxServer server) {
        this.server = server;
    }

    void handle(Exchange ex, String[] parts) throws IOException {
        String what = parts.length > 2 ? parts[2] : "";
        switch (ex.method + " " + what) {
            case "GET faults" -> ex.json(200, faults());
            case "PUT faults" -> {
                ObjectNode b = ex.json();
                Faults f = server.faults();
                if (b.has("share429")) {
                    f.share429(b.get("share429").asDouble());
                }
                if (b.has("share5xx")) {
                    f.share5xx(b.get("share5xx").asDouble());
                }
                if (b.has("latencyMillis")) {
                    f.latencyMillis(b.get("latencyMillis").asLong());
                }
                if (b.has("malformedShare")) {
                    f.malformedShare(b.get("malformedShare").asDouble());
                }
                if (b.has("pdfTruncatedShare")) {
                    f.pdfTruncatedShare(b.get("pdfTruncatedShare").asDouble());
                }
                if (b.has("portalLayout")) {
                    f.portalLayout(b.get("portalLayout").asInt());
                }
                if (b.has("webhookDuplicateShare")) {
                    f.webhookDuplicateShare(b.get("webhookDuplicateShare").asDouble());
                }
                if (b.has("webhookOutOfOrder")) {
                    f.webhookOutOfOrder(b.get("webhookOutOfOrder").asBoolean());
                }
                if (b.has("sessionLifetimeSeconds")) {
                    server.sessions().lifetime(Duration.ofSeconds(b.get("sessionLifetimeSeconds").asLong()));
                }
                ex.json(200, faults());
            }
            case "GET webhooks" -> ex.json(200, webhookAttempts());
            case "GET clock" -> ex.json(200, clock());
            case "POST clock" -> {
                server.clock().advanceDays(ex.json().path("advanceDays").asInt(1));
                ex.json(200, clock());
            }
            case "GET outbox" -> {
                ObjectNode n = MAPPER.createObjectNode();
                n.put("code", server.outbox().latestCode(ex.query.getOrDefault("user", ""),
                        ex.query.getOrDefault("method", "sms")).orElse(null));
                ex.json(200, n);
            }
            case "POST reset" -> {
                ObjectNode b = ex.json();
                SandboxSettings s = server.settings().withSeed(b.path("seed").asLong(server.settings().seed()))
                        .withGuarantors(b.path("guarantors").asInt(server.settings().guarantors()));
                server.reset(s);
                ex.json(200, clock());
            }
            default -> throw new ApiError(404, "not_found", "No such sandbox control: " + ex.method + " " + ex.path);
        }
    }

    private ObjectNode faults() {
        Faults f = server.faults();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("share429", f.share429());
        n.put("share5xx", f.share5xx());
        n.put("latencyMillis", f.latencyMillis());
        n.put("malformedShare", f.malformedShare());
        n.put("sessionLifetimeSeconds", server.sessions().lifetime().toSeconds());
        n.put("portalLayout", f.portalLayout());
        n.put("pdfTruncatedShare", f.pdfTruncatedShare());
        n.put("webhookDuplicateShare", f.webhookDuplicateShare());
        n.put("webhookOutOfOrder", f.webhookOutOfOrder());
        return n;
    }

    /** The last delivery attempts, so a demo or a test can see retries (status 0: no answer). */
    private ObjectNode webhookAttempts() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("inFlight", server.webhooks().inFlight());
        var data = n.putArray("attempts");
        for (Webhooks.Attempt a : server.webhooks().attempts()) {
            ObjectNode row = data.addObject();
            row.put("eventId", a.eventId());
            row.put("type", a.type());
            row.put("subscriptionId", a.subscriptionId());
            row.put("attempt", a.attempt());
            row.put("status", a.status());
            row.put("at", a.at().toString());
        }
        return n;
    }

    private ObjectNode clock() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("now", server.clock().now().toString());
        return n;
    }
}
