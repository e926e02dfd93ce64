package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Statement PDFs behind signed, expiring URLs ({@code ?expires=<unix>&signature=<hex hmac>}):
 * no bearer token needed, 403 once expired or altered; links live 15 minutes.
 */
final class SignedLinks {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    private final byte[] key;
    private final Clock clock;
    private final java.util.function.Supplier<String> baseUrl;

    SignedLinks(long seed, Clock clock, java.util.function.Supplier<String> baseUrl) {
        this.key = ("sandbox-pdf-key-" + seed).getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /**
     * Accounts on an older merchant setup, whose statement PDFs the API does not link (only the
     * portal serves them): one account in ten, by its number.
     */
    static boolean portalOnly(String accountId) {
        return accountId != null && accountId.endsWith("7");
    }

    /** Adds {@code pdf: {url, expiresAt}} to a served statement, or {@code pdf: null} for a portal-only account. */
    void addTo(ObjectNode statement) {
        if (portalOnly(statement.path("accountId").asText(null))) {
            statement.putNull("pdf");
            return;
        }
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String path = "/files/statements/" + statement.path("id").asText() + ".pdf";
        ObjectNode pdf = statement.putObject("pdf");
        pdf.put("url", baseUrl.get() + path + "?expires=" + expires + "&signature=" + sign(path, expires));
        pdf.put("expiresAt", Instant.ofEpochSecond(expires).toString());
    }

    /** Whether a request's link is genuine and still valid. */
    boolean valid(String path, String expires, String signature) {
        if (expires == null || signature == null) {
            return false;
        }
        try {
            long at = Long.parseLong(expires);
            return at >= clock.instant().getEpochSecond() && MessageDigest.isEqual(
                    sign(path, at).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String path, long expires) {
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key).hmacHex(path + "|" + expires);
    }
}
