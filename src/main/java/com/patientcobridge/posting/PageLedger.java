package com.patientcobridge.posting;

import com.patientcobridge.model.FinancialEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger as one page's plan sees it: the entries and transitions read for the page, and what
 * the page's records change, in page order. A record whose decision fails is undone back to its
 * {@link #mark()}, so a dead-lettered record leaves nothing behind.
 */
final class PageLedger {

    /** How far the page's changes had got: entries changed and transitions taken. */
    record Mark(Map<String, LedgerEntry> changed, int transitions, int events) {
    }

    private final Map<String, LedgerEntry> loaded;
    private final Set<String> takenBefore;
    private Map<String, LedgerEntry> changed = new LinkedHashMap<>();
    private final Set<String> takenNow = new HashSet<>();
    private final List<Ledger.Transition> transitions = new ArrayList<>();
    private final List<FinancialEvent> events = new ArrayList<>();

    PageLedger(Map<String, LedgerEntry> loaded, Set<String> takenBefore) {
        this.loaded = loaded;
        this.takenBefore = takenBefore;
    }

    LedgerEntry find(String paymentId) {
        LedgerEntry e = changed.get(paymentId);
        return e != null ? e : loaded.get(paymentId);
    }

    void save(LedgerEntry entry) {
        changed.put(entry.paymentId(), entry);
    }

    boolean done(String eventKey) {
        return takenBefore.contains(eventKey) || takenNow.contains(eventKey);
    }

    /** Takes a transition; false if its event key was taken before (a re-read, a webhook and a poll). */
    boolean take(FinancialEvent event, boolean enqueued) {
        if (done(event.eventKey())) {
            return false;
        }
        takenNow.add(event.eventKey());
        transitions.add(new Ledger.Transition(event.eventKey(), event.payment().id(), event.kind(), event.sourceId(),
                event.amount(), enqueued));
        events.add(event);
        return true;
    }

    Mark mark() {
        return new Mark(new LinkedHashMap<>(changed), transitions.size(), events.size());
    }

    void undoTo(Mark mark) {
        changed = mark.changed();
        while (transitions.size() > mark.transitions()) {
            takenNow.remove(transitions.remove(transitions.size() - 1).eventKey());
        }
        while (events.size() > mark.events()) {
            events.remove(events.size() - 1);
        }
    }

    List<LedgerEntry> changedEntries() {
        return new ArrayList<>(changed.values());
    }

    List<Ledger.Transition> transitions() {
        return transitions;
    }

    /** The postings taken, in the order they happened. */
    List<FinancialEvent> events() {
        return events;
    }
}
