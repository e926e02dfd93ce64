package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * A resource's generated history as an indexed sequence in {@code (updatedAt, id)} order, so a
 * list can binary-search {@code updatedSince} and page by index without materialising records.
 */
record History(long size, LongFunction<Instant> updatedAt, LongFunction<String> id, LongFunction<ObjectNode> record) {

    static History empty() {
        return new History(0, n -> Instant.EPOCH, n -> "", n -> null);
    }

    /** The first index whose updatedAt is at or after {@code since}. */
    long firstAtOrAfter(Instant since) {
        long lo = 0;
        long hi = size;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (updatedAt.apply(mid).isBefore(since)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static History of(SandboxData d, String resource) {
        int facilities = SandboxData.FACILITIES.size();
        return switch (resource) {
            case "accounts" -> new History(d.accounts, d::accountCreated, i -> "acc_" + SandboxData.pad(i), d::account);
            case "payments" -> new History(d.payments, j -> d.depositInstant(d.captureDay(j)),
                    j -> "pay_" + SandboxData.pad(j), d::payment);
            case "statements" -> new History(d.statements(), d::statementUpdated,
                    s -> "stm_" + SandboxData.pad(s % d.accounts) + (s / d.accounts), d::statement);
            case "communications" -> new History(d.statements(), d::statementUpdated,
                    s -> "com_" + SandboxData.pad(s % d.accounts) + (s / d.accounts), d::communication);
            case "payment-plans" -> new History(d.plans(), p -> Instant.parse(d.plan(p).get("updatedAt").asText()),
                    p -> d.plan(p).get("id").asText(), d::plan);
            case "settlements" -> new History((long) SandboxData.HISTORY_DAYS * facilities,
                    b -> d.depositInstant((int) (b / facilities)),
                    b -> SandboxData.batchId(SandboxData.FACILITIES.get((int) (b % facilities)), d.day((int) (b / facilities))),
                    b -> historySettlement(d, (int) (b / facilities), (int) (b % facilities)));
            default -> empty();
        };
    }

    static ObjectNode historySettlement(SandboxData d, int day, int facility) {
        String facilityId = SandboxData.FACILITIES.get(facility);
        return Batches.settlement(SandboxData.batchId(facilityId, d.day(day)), facilityId, Batches.cutoff(d, day),
                d.businessDays.nextBusinessDay(d.day(day)), "deposited", Batches.historyItems(d, facility, day),
                d.depositInstant(day));
    }
}
