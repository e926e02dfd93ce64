package com.patientcobridge.sandbox;

import java.util.SplittableRandom;

/**
 * Faults the sandbox injects, changeable while it runs: shares of 429s and 5xx answers, added
 * latency, and a share of malformed records (deterministic per record, so a re-read gives the
 * same bad record).
 */
public final class Faults {

    private volatile double share429;
    private volatile double share5xx;
    private volatile long latencyMillis;
    private volatile double malformedShare;
    private volatile int portalLayout = 1;
    private volatile double pdfTruncatedShare;
    private final java.util.Set<String> truncatedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile double webhookDuplicateShare;
    private volatile boolean webhookOutOfOrder;
    private final SplittableRandom dice = new SplittableRandom(7);

    public double share429() {
        return share429;
    }

    public Faults share429(double value) {
        share429 = value;
        return this;
    }

    public double share5xx() {
        return share5xx;
    }

    public Faults share5xx(double value) {
        share5xx = value;
        return this;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public Faults latencyMillis(long value) {
        latencyMillis = value;
        return this;
    }

    public double malformedShare() {
        return malformedShare;
    }

    public Faults malformedShare(double value) {
        malformedShare = value;
        return this;
    }

    /** Which portal layout is served: 1, or 2 (other ids, classes and link texts; same labels and data-*). */
    public int portalLayout() {
        return portalLayout;
    }

    public Faults portalLayout(int value) {
        portalLayout = value == 2 ? 2 : 1;
        return this;
    }

    /** Share of webhook events delivered twice (fixed per event id). */
    public double webhookDuplicateShare() {
        return webhookDuplicateShare;
    }

    public Faults webhookDuplicateShare(double value) {
        webhookDuplicateShare = value;
        return this;
    }

    /** Whether the events of one clock step or write are delivered newest first. */
    public boolean webhookOutOfOrder() {
        return webhookOutOfOrder;
    }

    public Faults webhookOutOfOrder(boolean value) {
        webhookOutOfOrder = value;
        return this;
    }

    /** Share of statements whose first PDF download (API or portal) is cut short (fixed per statement id). */
    public double pdfTruncatedShare() {
        return pdfTruncatedShare;
    }

    public Faults pdfTruncatedShare(double value) {
        pdfTruncatedShare = value;
        return this;
    }

    /** The PDF as served: cut in half the first time a statement chosen by the fault is downloaded. */
    byte[] pdf(String statementId, byte[] pdf) {
        if (pdfTruncatedShare <= 0) {
            return pdf;
        }
        SplittableRandom r = new SplittableRandom(statementId.hashCode() * 0x9E3779B97F4A7C15L + 1);
        if (r.nextDouble() < pdfTruncatedShare && truncatedOnce.add(statementId)) {
            return java.util.Arrays.copyOf(pdf, pdf.length / 2);
        }
        return pdf;
    }

    /** Rolls the dice for one request. */
    synchronized double roll() {
        return dice.nextDouble();
    }

    /** Whether this record is served malformed, and how (0-3), or -1; fixed per record id. */
    int malformation(String id) {
        if (malformedShare <= 0) {
            return -1;
        }
        // Ids are sequential, so their hash codes are too: spread them before choosing.
        SplittableRandom r = new SplittableRandom(id.hashCode() * 0x9E3779B97F4A7C15L);
        return r.nextDouble() < malformedShare ? r.nextInt(4) : -1;
    }
}
