package com.patientcobridge.pages;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.patientco.RecordPage;
import com.patientcobridge.system.Json;
import java.util.List;
import java.util.Optional;

/** What a flow's plan knows of the page it decides: where it came from, and how its dead letters are made. */
public final class PageContext {

    private final String flow;
    private final String resource;
    private final Long runId;

    PageContext(String flow, String resource, Long runId) {
        this.flow = flow;
        this.resource = resource;
        this.runId = runId;
    }

    public Long runId() {
        return runId;
    }

    /** A record at fault (an impossible step, a refusal): a dead letter that holds back what {@code keys} name. */
    public PageDeadLetters.Entry fault(RecordPage.Item item, List<String> keys, String reason, Throwable cause) {
        return entry(item, keys, reason, cause, Optional.empty());
    }

    /** A record held back by an earlier dead letter: it waits behind it, and holds back what it names too. */
    public PageDeadLetters.Entry waiting(RecordPage.Item item, List<String> keys, Holds.Blocker blocker) {
        String behind = blocker.deadLetterId() != null ? "dead letter " + blocker.deadLetterId()
                : "the dead letter of " + blocker.recordId();
        return entry(item, keys, item.id() + " waits behind " + behind + " (same payment, account or guarantor)", null,
                Optional.of(blocker));
    }

    PageDeadLetters.Entry entry(RecordPage.Item item, List<String> keys, String reason, Throwable cause,
            Optional<Holds.Blocker> behind) {
        return new PageDeadLetters.Entry(flow, resource, item.id(), null, reason,
                cause == null ? null : cause.getClass().getName() + ": " + cause.getMessage(), Json.write(item.record()),
                item.record().getClass().getName(), "direct:" + flow, runId, keys,
                behind.map(Holds.Blocker::deadLetterId).orElse(null), behind.map(Holds.Blocker::recordId).orElse(null));
    }

    PageDeadLetters.Entry malformed(RecordPage.Malformed m, List<String> keys, Optional<Holds.Blocker> behind) {
        return new PageDeadLetters.Entry(flow, resource, m.id(), null, m.reason().reason(), null, m.rawJson(),
                String.class.getName(), "direct:" + flow, runId, keys,
                behind.map(Holds.Blocker::deadLetterId).orElse(null), behind.map(Holds.Blocker::recordId).orElse(null));
    }
}
