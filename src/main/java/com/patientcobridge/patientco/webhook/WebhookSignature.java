package com.patientcobridge.patientco.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Checks {@code Patientco-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}:
 * the HMAC over the raw bytes, compared in constant time, and the timestamp within the tolerance.
 */
public final class WebhookSignature {

    /** Why a delivery was refused, or null when it is genuine. */
    public static String problem(String header, byte[] body, String secret, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return "no Patientco-Signature header";
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1") && v1 == null) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || !t.matches("\\d{1,12}")) {
            return "malformed Patientco-Signature header";
        }
        byte[] expected = sign(secret, t, body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(v1);
        } catch (IllegalArgumentException e) {
            return "signature is not hex";
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return "signature does not match";
        }
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(t));
        if (skew > tolerance.toSeconds()) {
            return "timestamp is " + skew + " s off (more than " + tolerance.toSeconds() + " s)";
        }
        return null;
    }

    /** The header a sender would set; used by tests and by anyone replaying a delivery. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(sign(secret, String.valueOf(unixSeconds), body));
    }

    /** HMAC-SHA256 over {@code <t>.<body>}, as Patientco signs. */
    private static byte[] sign(String secret, String t, byte[] body) {
        Mac mac = HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, secret.getBytes(StandardCharsets.UTF_8));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(body);
    }

    private WebhookSignature() {
    }
}
