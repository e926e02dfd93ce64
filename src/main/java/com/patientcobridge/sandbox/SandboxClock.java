package com.patientcobridge.sandbox;

import static com.patientcobridge.sandbox.SandboxData.JSON;
import static com.patientcobridge.sandbox.SandboxData.money;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Moves the sandbox forward a day at a time. Each day: yesterday's closed batches are deposited
 * (their payments become settled), pending refunds complete, due chargebacks are won or lost, new
 * payments are captured (some fail, some are voided before the cutoff), some settled payments are
 * refunded or charged back, and every open batch closes at the bank cutoff. Deterministic per day.
 */
public final class SandboxClock {

    private final SandboxWorld world;
    private final Webhooks webhooks;
    private final List<String[]> pendingRefunds = new ArrayList<>();   // refund id, payment id
    private final List<Object[]> openChargebacks = new ArrayList<>();  // chargeback id, resolve day, won

    SandboxClock(SandboxWorld world, Webhooks webhooks) {
        this.world = world;
        this.webhooks = webhooks;
    }

    public Instant now() {
        return world.now();
    }

    public void advanceDays(int days) {
        synchronized (world) {
            for (int n = 0; n < days; n++) {
                runDay(world.today);
                world.today = world.today.plusDays(1);
                world.now = world.today.atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant();
            }
        }
        webhooks.flush();
    }

    private void runDay(LocalDate day) {
        SandboxData data = world.data;
        SplittableRandom r = data.rng("day", day.toEpochDay());
        world.now = day.atStartOfDay(ZoneOffset.UTC).plusHours(13).toInstant();
        deposit(day);
        completeRefunds(day);
        resolveChargebacks(day);
        List<ObjectNode> captured = new ArrayList<>();
        int count = Math.max(4, data.accounts / 100);
        for (int k = 0; k < count; k++) {
            ObjectNode p = newPayment(r, day);
            if (p.get("status").asText().equals("captured")) {
                captured.add(p);
            }
        }
        if (!captured.isEmpty() && r.nextInt(2) == 0) {
            void_(captured.get(r.nextInt(captured.size())).get("id").asText());
        }
        for (int k = 0; k < Math.max(1, count / 25); k++) {
            refundRandom(r);
        }
        if (r.nextInt(10) < 7) {
            chargebackRandom(r, day);
        }
        advanceStatementDeliveries(r);
        closeAtCutoff(day);
    }

    private void deposit(LocalDate day) {
        if (!world.data.businessDays.isBusinessDay(day)) {
            return;
        }
        for (SandboxWorld.LiveBatch batch : world.liveBatches.values()) {
            if (batch.status.equals("closed") && !batch.depositDate.isAfter(day)) {
                batch.status = "deposited";
                Instant at = world.tick();
                for (ObjectNode item : batch.items) {
                    if (item.get("type").asText().equals("sale")) {
                        world.find(item.get("paymentId").asText()).ifPresent(p -> {
                            p.put("status", "settled");
                            p.put("updatedAt", world.tick().toString());
                            world.put("payments", p);
                        });
                    }
                }
                world.publish(batch, at);
                announceBatch("settlement.deposited", batch, at);
            }
        }
    }

    private void announceBatch(String type, SandboxWorld.LiveBatch batch, Instant at) {
        webhooks.emit(type, world.find(batch.id).orElseThrow(), at);
    }

    private void completeRefunds(LocalDate day) {
        for (String[] pending : List.copyOf(pendingRefunds)) {
            ObjectNode refund = world.find(pending[0]).orElseThrow();
            if (!refund.get("status").asText().equals("pending")) {
                pendingRefunds.remove(pending);
                continue;
            }
            ObjectNode payment = world.find(pending[1]).orElseThrow();
            Instant at = world.tick();
            SandboxWorld.LiveBatch batch = world.liveBatch(facilityOf(payment), day);
            refund.put("status", "completed");
            refund.put("completedAt", at.toString());
            refund.put("settlementBatchId", batch.id);
            refund.put("updatedAt", at.toString());
            world.put("refunds", refund);
            batch.items.add(Batches.item("sti_" + refund.get("id").asText().substring(4), "refund",
                    payment.get("id").asText(), refund.get("id").asText(), null, payment.get("accountId").asText(),
                    SandboxWorld.amount(refund, "amount").negate(), at));
            world.publish(batch, at);
            webhooks.emit("refund.completed", refund, at);
            pendingRefunds.remove(pending);
        }
    }

    private void resolveChargebacks(LocalDate day) {
        for (Object[] open : List.copyOf(openChargebacks)) {
            if (((LocalDate) open[1]).isAfter(day)) {
                continue;
            }
            ObjectNode cbk = world.find((String) open[0]).orElseThrow();
            boolean won = (Boolean) open[2];
            Instant at = world.tick();
            cbk.put("status", won ? "won" : "lost");
            cbk.put("resolvedAt", at.toString());
            cbk.put("updatedAt", at.toString());
            if (won) {
                ObjectNode payment = world.find(cbk.get("paymentId").asText()).orElseThrow();
                SandboxWorld.LiveBatch batch = world.liveBatch(facilityOf(payment), day);
                batch.items.add(Batches.item("sti_" + cbk.get("id").asText().substring(4) + "w", "chargeback_reversal",
                        payment.get("id").asText(), null, cbk.get("id").asText(), payment.get("accountId").asText(),
                        SandboxWorld.amount(cbk, "amount"), at));
                world.publish(batch, at);
                payment.put("disputed", false);
                payment.put("updatedAt", world.tick().toString());
                world.put("payments", payment);
            }
            world.put("chargebacks", cbk);
            webhooks.emit("chargeback.resolved", cbk, at);
            openChargebacks.remove(open);
        }
    }

    private String facilityOf(ObjectNode payment) {
        long account = Long.parseLong(payment.get("accountId").asText().substring(4));
        return world.data.facilityOf(account);
    }

    private ObjectNode newPayment(SplittableRandom r, LocalDate day) {
        long account = r.nextInt(world.data.accounts);
        boolean failed = r.nextInt(100) < 5;
        ObjectNode p = captureQuietly("acc_" + SandboxData.pad(account), SandboxData.cents(r, 500, 60_000),
                SandboxData.method(r), Names.pick(Names.CHANNELS, r), null, day);
        if (failed) {
            p.put("status", "failed");
            p.put("failureReason", r.nextBoolean() ? "card_declined" : "insufficient_funds");
            p.putNull("capturedAt");
            p.putNull("settlementBatchId");
            world.put("payments", p);
            SandboxWorld.LiveBatch batch = world.liveBatch(facilityOf(p), day);
            batch.items.removeIf(i -> p.get("id").asText().equals(i.get("paymentId").asText(null)));
            world.publish(batch, world.tick());
        }
        webhooks.emit(failed ? "payment.failed" : "payment.captured", p, world.now());
        return p;
    }

    /** Captures a payment into today's batch of its facility (also used by {@code POST /payments}). */
    ObjectNode capture(String accountId, BigDecimal amount, ObjectNode method, String channel, String statementId,
            LocalDate day) {
        ObjectNode p = captureQuietly(accountId, amount, method, channel, statementId, day);
        webhooks.emit("payment.captured", p, world.now());
        return p;
    }

    private ObjectNode captureQuietly(String accountId, BigDecimal amount, ObjectNode method, String channel,
            String statementId, LocalDate day) {
        synchronized (world) {
            Instant at = world.tick();
            String id = world.nextId("pay_");
            ObjectNode p = JSON.objectNode();
            p.put("id", id);
            p.put("accountId", accountId);
            p.put("statementId", statementId);
            p.putNull("planId");
            p.put("amount", money(amount));
            p.put("currency", "USD");
            p.set("method", method);
            p.put("channel", channel);
            p.put("status", "captured");
            p.putNull("failureReason");
            p.put("refundedAmount", "0.00");
            p.put("disputed", false);
            p.put("capturedAt", at.toString());
            SandboxWorld.LiveBatch batch = world.liveBatch(facilityOf(p), day == null ? world.today : day);
            p.put("settlementBatchId", batch.id);
            ObjectNode receipt = p.putObject("receipt");
            receipt.put("number", "R" + id.substring(5));
            receipt.put("url", "https://receipts.sandbox.patientco.test/R" + id.substring(5));
            p.put("createdAt", at.toString());
            p.put("updatedAt", at.toString());
            world.put("payments", p);
            batch.items.add(Batches.item("sti_" + id.substring(4), "sale", id, null, null, accountId, amount, at));
            world.publish(batch, at);
            return p;
        }
    }

    /** Voids a payment whose batch is still open; empty when it is already settled. */
    Optional<ObjectNode> void_(String paymentId) {
        synchronized (world) {
            ObjectNode p = world.find(paymentId).orElseThrow();
            SandboxWorld.LiveBatch batch = world.liveBatches.get(p.get("settlementBatchId").asText(""));
            if (p.get("status").asText().equals("voided")) {
                return Optional.of(p);
            }
            if (batch == null || !batch.status.equals("open") || !p.get("status").asText().equals("captured")) {
                return Optional.empty();
            }
            Instant at = world.tick();
            batch.items.removeIf(i -> paymentId.equals(i.get("paymentId").asText(null)));
            p.put("status", "voided");
            p.putNull("settlementBatchId");
            p.put("updatedAt", at.toString());
            world.put("payments", p);
            world.publish(batch, at);
            webhooks.emit("payment.voided", p, at);
            return Optional.of(p);
        }
    }

    /** Starts a pending refund; it completes on the next day the clock runs. */
    ObjectNode refund(String paymentId, BigDecimal amount, String reason) {
        synchronized (world) {
            ObjectNode p = world.find(paymentId).orElseThrow();
            Instant at = world.tick();
            ObjectNode refund = JSON.objectNode();
            String id = world.nextId("ref_");
            refund.put("id", id);
            refund.put("paymentId", paymentId);
            refund.put("accountId", p.get("accountId").asText());
            refund.put("amount", money(amount));
            refund.put("reason", reason);
            refund.put("status", "pending");
            refund.put("createdAt", at.toString());
            refund.putNull("completedAt");
            refund.putNull("settlementBatchId");
            refund.put("updatedAt", at.toString());
            world.put("refunds", refund);
            p.put("refundedAmount", money(SandboxWorld.amount(p, "refundedAmount").add(amount)));
            p.put("updatedAt", world.tick().toString());
            world.put("payments", p);
            pendingRefunds.add(new String[] {id, paymentId});
            return refund;
        }
    }

    private void refundRandom(SplittableRandom r) {
        long j = r.nextLong(world.data.payments);
        ObjectNode p = world.find("pay_" + SandboxData.pad(j)).orElseThrow();
        BigDecimal rest = SandboxWorld.amount(p, "amount").subtract(SandboxWorld.amount(p, "refundedAmount"));
        if (!p.get("status").asText().equals("settled") || p.get("disputed").asBoolean() || rest.signum() <= 0) {
            return;
        }
        BigDecimal amount = r.nextBoolean() ? rest
                : rest.multiply(BigDecimal.valueOf(20 + r.nextInt(60))).divide(BigDecimal.valueOf(100), 2,
                        RoundingMode.DOWN).max(new BigDecimal("0.01"));
        refund(p.get("id").asText(), amount, r.nextBoolean() ? "duplicate_payment" : "insurance_paid");
    }

    private void chargebackRandom(SplittableRandom r, LocalDate day) {
        long j = r.nextLong(world.data.payments);
        ObjectNode p = world.find("pay_" + SandboxData.pad(j)).orElseThrow();
        if (!p.get("status").asText().equals("settled") || p.get("disputed").asBoolean()
                || SandboxWorld.amount(p, "refundedAmount").signum() > 0) {
            return;
        }
        Instant at = world.tick();
        SandboxWorld.LiveBatch batch = world.liveBatch(facilityOf(p), day);
        String id = world.nextId("cbk_");
        ObjectNode cbk = JSON.objectNode();
        cbk.put("id", id);
        cbk.put("paymentId", p.get("id").asText());
        cbk.put("accountId", p.get("accountId").asText());
        cbk.put("amount", p.get("amount").asText());
        cbk.put("reasonCode", r.nextBoolean() ? "10.4" : "13.1");
        cbk.put("status", "opened");
        cbk.put("openedAt", at.toString());
        cbk.putNull("resolvedAt");
        cbk.put("settlementBatchId", batch.id);
        cbk.put("updatedAt", at.toString());
        world.put("chargebacks", cbk);
        webhooks.emit("chargeback.opened", cbk, at);
        batch.items.add(Batches.item("sti_" + id.substring(4), "chargeback", p.get("id").asText(), null, id,
                p.get("accountId").asText(), SandboxWorld.amount(p, "amount").negate(), at));
        world.publish(batch, at);
        p.put("disputed", true);
        p.put("updatedAt", world.tick().toString());
        world.put("payments", p);
        openChargebacks.add(new Object[] {id, day.plusDays(3), r.nextBoolean()});
    }

    /** A few statements a day move along their delivery (queued, sent, delivered, opened). */
    private void advanceStatementDeliveries(SplittableRandom r) {
        long statements = world.data.statements();
        for (int k = 0; k < Math.max(1, world.data.accounts / 200) && statements > 0; k++) {
            long index = r.nextLong(statements);   // month * accounts + account, as the generator numbers them
            world.find("stm_" + SandboxData.pad(index % world.data.accounts) + index / world.data.accounts)
                    .ifPresent(st -> {
                ObjectNode delivery = (ObjectNode) st.get("delivery");
                String next = switch (delivery.get("status").asText()) {
                    case "queued" -> "sent";
                    case "sent" -> "delivered";
                    case "delivered" -> "opened";
                    default -> null;
                };
                Instant at = world.tick();
                // A statement not yet served (dated after the clock) is left alone: moving its updatedAt back would break watermarks.
                if (next != null && Instant.parse(st.get("updatedAt").asText()).isBefore(at)) {
                    delivery.put("status", next);
                    delivery.put("updatedAt", at.toString());
                    st.put("updatedAt", at.toString());
                    world.put("statements", st);
                    webhooks.emit("statement.updated", st, at);
                }
            });
        }
    }

    private void closeAtCutoff(LocalDate day) {
        for (SandboxWorld.LiveBatch batch : world.liveBatches.values()) {
            if (batch.status.equals("open") && batch.day.equals(day)) {
                Instant cutoff = Batches.cutoff(world.data, day);
                world.now = cutoff;
                batch.items.add(Batches.fee(batch.id, batch.items, cutoff));
                batch.status = "closed";
                batch.depositDate = world.data.businessDays.nextBusinessDay(day);
                Instant at = world.tick();
                world.publish(batch, at);
                announceBatch("settlement.closed", batch, at);
            }
        }
    }
}
