package com.patientcobridge.retention;

import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bridge.retention}: how long each kind of record is kept. Message bodies (PHI) go first;
 * the metadata around them (ids, types, outcomes, times) and the audit log stay longer.
 *
 * @param messageBodies     the text of sent messages, their ACKs, and the records they were built from
 * @param messages          the messages' metadata: outbox rows acknowledged, the store's rows
 * @param deadLetters       dead letters closed (replayed, resolved, discarded)
 * @param seenRecords       change detection of records not seen since
 * @param webhookEvents     webhook event ids kept to drop duplicates
 * @param inboundPayments   inbound payment lines and their idempotency keys
 * @param jobRuns           the run history
 * @param audit             the audit log
 * @param batchSize         rows per statement, each its own short transaction, so delivery never waits
 * @param folders           output folders whose files (PHI) are deleted past their age
 */
@ConfigurationProperties("bridge.retention")
public record RetentionPolicy(Period messageBodies, Period messages, Period deadLetters, Period seenRecords,
        Period webhookEvents, Period inboundPayments, Period jobRuns, Period audit, int batchSize,
        List<Folder> folders) {

    public RetentionPolicy {
        messageBodies = messageBodies == null ? Period.ofDays(30) : messageBodies;
        messages = messages == null ? Period.ofDays(400) : messages;
        deadLetters = deadLetters == null ? Period.ofDays(400) : deadLetters;
        seenRecords = seenRecords == null ? Period.ofDays(400) : seenRecords;
        webhookEvents = webhookEvents == null ? Period.ofDays(90) : webhookEvents;
        inboundPayments = inboundPayments == null ? Period.ofYears(2) : inboundPayments;
        jobRuns = jobRuns == null ? Period.ofDays(400) : jobRuns;
        audit = audit == null ? Period.ofYears(6) : audit;
        batchSize = batchSize <= 0 ? 5000 : batchSize;
        folders = folders == null ? List.of() : folders;
        if (messages.toTotalMonths() * 31 + messages.getDays() < messageBodies.toTotalMonths() * 31
                + messageBodies.getDays()) {
            throw new IllegalStateException("bridge.retention.messages (" + messages + ") must be at least "
                    + "bridge.retention.message-bodies (" + messageBodies + ")");
        }
    }

    /** A folder and how long its files are kept. */
    public record Folder(String dir, Period age) {
    }
}
