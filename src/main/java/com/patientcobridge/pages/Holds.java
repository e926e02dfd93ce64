package com.patientcobridge.pages;

import com.patientcobridge.deadletter.PageDeadLetters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What holds a page's records back: the open dead letters naming one of their keys
 * ({@code payment:pay_1}, {@code account:acc_1}, {@code guarantor:gtr_1}), those in the database and
 * those the page itself has caused so far, in page order. A record is never held by its own dead
 * letter: a new version of it is decided again, and if it goes through, its dead letter is over.
 */
public final class Holds {

    /** The dead letter a record waits behind: one in the database (by id) or one of this page (by record id). */
    public record Blocker(Long deadLetterId, String recordId) {
    }

    private final String flow;
    private final List<PageDeadLetters.Hold> open;
    private final Map<String, String> inPage;

    Holds(String flow, List<PageDeadLetters.Hold> open) {
        this(flow, open, new HashMap<>());
    }

    private Holds(String flow, List<PageDeadLetters.Hold> open, Map<String, String> inPage) {
        this.flow = flow;
        this.open = open;
        this.inPage = inPage;
    }

    /** The oldest dead letter (other than the record's own) holding any of the keys, if any. */
    public Optional<Blocker> blocking(String recordId, Collection<String> keys) {
        for (PageDeadLetters.Hold hold : open) {
            if (keys.contains(hold.key()) && !(flow.equals(hold.flow()) && hold.patientcoId() != null
                    && hold.patientcoId().equals(recordId))) {
                return Optional.of(new Blocker(hold.deadLetterId(), null));
            }
        }
        for (String key : keys) {
            String record = inPage.get(key);
            if (record != null && !record.equals(recordId)) {
                return Optional.of(new Blocker(null, record));
            }
        }
        return Optional.empty();
    }

    /** The record's own open dead letter in this flow, if it has one. */
    Optional<Long> ownDeadLetter(String recordId) {
        return open.stream().filter(h -> flow.equals(h.flow()) && recordId != null && recordId.equals(h.patientcoId()))
                .map(PageDeadLetters.Hold::deadLetterId).findFirst();
    }

    /** A record of this page became a dead letter: later records naming its keys wait behind it. */
    public void hold(Collection<String> keys, String recordId, Optional<Blocker> itsOwnBlocker) {
        for (String key : keys) {
            if (itsOwnBlocker.isPresent() && itsOwnBlocker.get().deadLetterId() != null) {
                open.add(new PageDeadLetters.Hold(key, itsOwnBlocker.get().deadLetterId(), "", null));
            } else {
                inPage.putIfAbsent(key, itsOwnBlocker.map(Blocker::recordId).orElse(recordId));
            }
        }
    }

    /** Takes the holds a plan added, once its writes went through. */
    void adopt(Holds planned) {
        open.clear();
        open.addAll(planned.open);
        inPage.putAll(planned.inPage);
    }

    /** A copy to plan with: a plan that fails to write leaves the holds as they were. */
    Holds copy() {
        return new Holds(flow, new ArrayList<>(open), new HashMap<>(inPage));
    }
}
