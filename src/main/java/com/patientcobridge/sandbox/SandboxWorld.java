package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the sandbox knows: the generated history, the records changed since its clock
 * started, the live settlement batches and the clock. All changes go through here, under one lock.
 */
public final class SandboxWorld {

    final SandboxData data;
    final Overlay overlay = new Overlay();
    final Map<String, LiveBatch> liveBatches = new LinkedHashMap<>();
    private final Map<String, History> histories = new LinkedHashMap<>();
    Instant now;
    LocalDate today;
    long sequence;

    /** A batch of the clock's days: items as they happen, open until the cutoff. */
    static final class LiveBatch {
        final String id;
        final String facilityId;
        final LocalDate day;
        final List<ObjectNode> items = new java.util.ArrayList<>();
        String status = "open";
        LocalDate depositDate;

        LiveBatch(String id, String facilityId, LocalDate day) {
            this.id = id;
            this.facilityId = facilityId;
            this.day = day;
        }
    }

    public SandboxWorld(SandboxSettings settings) {
        this.data = new SandboxData(settings);
        this.now = settings.start();
        this.today = LocalDate.ofInstant(now, settings.bankZone());
        for (String r : List.of("accounts", "payments", "statements", "communications", "payment-plans", "settlements")) {
            histories.put(r, History.of(data, r));
        }
    }

    History history(String resource) {
        return histories.getOrDefault(resource, History.empty());
    }

    public synchronized Instant now() {
        return now;
    }

    synchronized String nextId(String prefix) {
        return prefix + "n" + SandboxData.pad(++sequence);
    }

    /** A record by id, from the changes or the history. */
    synchronized Optional<ObjectNode> find(String id) {
        ObjectNode changed = overlay.get(id);
        if (changed != null) {
            return Optional.of(changed.deepCopy());
        }
        int underscore = id.indexOf('_');
        if (underscore < 0) {
            return Optional.empty();
        }
        String prefix = id.substring(0, underscore + 1);
        String resource = switch (prefix) {
            case "acc_" -> "accounts";
            case "pay_" -> "payments";
            case "stm_" -> "statements";
            case "com_" -> "communications";
            case "pln_" -> "payment-plans";
            case "stl_" -> "settlements";
            default -> null;
        };
        if (resource == null) {
            return Optional.empty();
        }
        History h = history(resource);
        long index = indexOf(h, id);
        return index < 0 ? Optional.empty() : Optional.of(h.record().apply(index));
    }

    /** The history index an id names, parsed from the id itself, or -1. */
    private long indexOf(History h, String id) {
        try {
            String body = id.substring(id.indexOf('_') + 1);
            long index = switch (id.substring(0, 4)) {
                case "acc_", "pay_" -> Long.parseLong(body);
                case "stm_", "com_" -> Long.parseLong(body.substring(9)) * data.accounts + Long.parseLong(body.substring(0, 9));
                case "pln_" -> (Long.parseLong(body) - 3) / 10;
                case "stl_" -> settlementIndex(body);
                default -> -1;
            };
            return index >= 0 && index < h.size() && h.id().apply(index).equals(id) ? index : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private long settlementIndex(String body) {
        String[] parts = body.split("_");
        int facility = SandboxData.FACILITIES.indexOf("fac_" + parts[0]);
        LocalDate day = LocalDate.parse(parts[1], java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        long d = day.toEpochDay() - data.day(0).toEpochDay();
        return facility < 0 || d < 0 ? -1 : d * SandboxData.FACILITIES.size() + facility;
    }

    synchronized void put(String resource, ObjectNode record) {
        overlay.put(resource, record);
    }

    synchronized Instant tick() {
        now = now.plusSeconds(3);
        return now;
    }

    synchronized LiveBatch liveBatch(String facilityId, LocalDate day) {
        String id = SandboxData.batchId(facilityId, day);
        return liveBatches.computeIfAbsent(id, k -> new LiveBatch(id, facilityId, day));
    }

    synchronized void publish(LiveBatch batch, Instant updatedAt) {
        put("settlements", Batches.settlement(batch.id, batch.facilityId, Batches.cutoff(data, batch.day),
                batch.depositDate, batch.status, batch.items, updatedAt));
    }

    synchronized List<ObjectNode> items(String batchId) {
        LiveBatch live = liveBatches.get(batchId);
        if (live != null) {
            return live.items.stream().map(ObjectNode::deepCopy).toList();
        }
        Optional<ObjectNode> batch = find(batchId);
        if (batch.isEmpty()) {
            return null;
        }
        String[] parts = batchId.split("_");
        int facility = SandboxData.FACILITIES.indexOf("fac_" + parts[1]);
        LocalDate day = LocalDate.parse(parts[2], java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        int d = (int) (day.toEpochDay() - data.day(0).toEpochDay());
        return Batches.historyItems(data, facility, d);
    }

    static BigDecimal amount(ObjectNode n, String field) {
        return new BigDecimal(n.get(field).asText());
    }
}
