package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.patientcobridge.system.BusinessDays;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sandbox's history before its clock starts, generated on the fly from the seed: record
 * {@code n} of a kind is always the same, so a million payments cost no memory. Timestamps grow
 * with the index, which keeps {@code (updatedAt, id)} order equal to index order.
 */
final class SandboxData {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final List<String> FACILITIES = List.of("fac_atl01", "fac_mar02", "fac_sav03");
    static final List<String> FACILITY_NAMES = List.of("Peachtree Regional Medical Center",
            "Marietta Children's Hospital", "Savannah Coastal Health - St. Joseph's Campus");
    static final int HISTORY_DAYS = 85;
    static final int STATEMENTS_PER_ACCOUNT = 3;

    final SandboxSettings settings;
    final int accounts;
    final long payments;
    final Instant historyStart;
    final BusinessDays businessDays;

    SandboxData(SandboxSettings settings) {
        this.settings = settings;
        this.accounts = settings.guarantors();
        this.payments = (long) accounts * settings.paymentsPerAccount();
        this.historyStart = settings.start().minus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        this.businessDays = new BusinessDays(settings.bankZone(), settings.bankCutoff());
    }

    SplittableRandom rng(String kind, long index) {
        long h = settings.seed() * 0x9E3779B97F4A7C15L + kind.hashCode() * 0xC2B2AE3D27D4EB4FL + index;
        return new SplittableRandom(h);
    }

    static String pad(long n) {
        return String.format("%09d", n);
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static BigDecimal cents(SplittableRandom r, int minCents, int maxCents) {
        return BigDecimal.valueOf(minCents + r.nextInt(maxCents - minCents), 2);
    }

    // ---- accounts ----

    Instant accountCreated(long i) {
        return historyStart.minus(Duration.ofDays(30)).plusMillis(i * (Duration.ofDays(30).toMillis() / accounts));
    }

    String facilityOf(long accountIndex) {
        return FACILITIES.get((int) (accountIndex % FACILITIES.size()));
    }

    ObjectNode account(long i) {
        return new AccountGenerator(this).account(i);
    }

    // ---- payments ----

    long accountOfPayment(long j) {
        return j % accounts;
    }

    int captureDay(long j) {
        return (int) (j * HISTORY_DAYS / payments);
    }

    long firstPaymentOfDay(int d) {
        return (d * payments + HISTORY_DAYS - 1) / HISTORY_DAYS;
    }

    Instant capturedAt(long j) {
        int d = captureDay(j);
        long first = firstPaymentOfDay(d);
        long count = Math.max(1, firstPaymentOfDay(d + 1) - first);
        Instant dayStart = historyStart.plus(Duration.ofDays(d)).plus(Duration.ofHours(13));
        return dayStart.plusMillis((j - first) * (Duration.ofHours(8).toMillis() / count));
    }

    LocalDate day(int d) {
        return LocalDate.ofInstant(historyStart, ZoneOffset.UTC).plusDays(d);
    }

    Instant depositInstant(int d) {
        return businessDays.nextBusinessDay(day(d)).atTime(14, 0).toInstant(ZoneOffset.UTC);
    }

    ObjectNode payment(long j) {
        SplittableRandom r = rng("payment", j);
        long i = accountOfPayment(j);
        int d = captureDay(j);
        Instant captured = capturedAt(j);
        ObjectNode p = JSON.objectNode();
        p.put("id", "pay_" + pad(j));
        p.put("accountId", "acc_" + pad(i));
        int statement = (int) ((j / accounts) % STATEMENTS_PER_ACCOUNT);
        p.put("statementId", r.nextInt(10) < 7 ? "stm_" + pad(i) + statement : null);
        p.putNull("planId");
        p.put("amount", money(cents(r, 500, 85_000)));
        p.put("currency", "USD");
        p.set("method", method(r));
        p.put("channel", Names.pick(Names.CHANNELS, r));
        p.put("status", "settled");
        p.putNull("failureReason");
        p.put("refundedAmount", "0.00");
        p.put("disputed", false);
        p.put("capturedAt", captured.toString());
        p.put("settlementBatchId", batchId(facilityOf(i), day(d)));
        ObjectNode receipt = p.putObject("receipt");
        receipt.put("number", "R" + (100_000_000L + j));
        receipt.put("url", "https://receipts.sandbox.patientco.test/R" + (100_000_000L + j));
        p.put("createdAt", captured.toString());
        p.put("updatedAt", depositInstant(d).toString());
        return p;
    }

    static ObjectNode method(SplittableRandom r) {
        ObjectNode m = JSON.objectNode();
        boolean card = r.nextInt(10) < 7;
        m.put("type", card ? "card" : "ach");
        m.put("token", "tok_" + Long.toHexString(r.nextLong() & 0xffffffffffffL));
        m.put("brand", card ? Names.pick(Names.BRANDS, r) : null);
        m.put("last4", String.format("%04d", r.nextInt(10_000)));
        m.put("bankName", card ? null : Names.pick(Names.BANKS, r));
        return m;
    }

    static String batchId(String facility, LocalDate day) {
        return "stl_" + facility.substring(4) + "_" + day.toString().replace("-", "");
    }

    // ---- statements and communications (index s = month * accounts + account) ----

    long statements() {
        return (long) accounts * STATEMENTS_PER_ACCOUNT;
    }

    Instant statementUpdated(long s) {
        long month = s / accounts;
        long i = s % accounts;
        return historyStart.plus(Duration.ofDays(30 * month)).plusMillis(i * (Duration.ofDays(1).toMillis() / accounts));
    }

    ObjectNode statement(long s) {
        return new StatementGenerator(this).statement(s);
    }

    ObjectNode communication(long s) {
        return new StatementGenerator(this).communication(s);
    }

    // ---- payment plans: every tenth account ----

    long plans() {
        return (accounts + 6) / 10;
    }

    ObjectNode plan(long p) {
        return new StatementGenerator(this).plan(p);
    }

    ArrayNode facilities() {
        ArrayNode list = JSON.arrayNode();
        for (int f = 0; f < FACILITIES.size(); f++) {
            ObjectNode n = list.addObject();
            n.put("id", FACILITIES.get(f));
            n.put("name", FACILITY_NAMES.get(f));
            n.put("npi", String.valueOf(1_234_567_890L + f * 1111));
            n.putArray("merchantIds").add("mer_" + FACILITIES.get(f).substring(4));
        }
        return list;
    }
}
