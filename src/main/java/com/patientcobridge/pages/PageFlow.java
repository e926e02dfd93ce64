package com.patientcobridge.pages;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.patientco.RecordPage;
import java.util.List;

/**
 * What one flow does with a page of its records, in the steps the page's transaction runs in
 * order: read in bulk what the records are decided against, decide in memory, write in a few
 * set-based statements. {@link PageProcessor} runs them, and splits a page whose writes fail for
 * one record's sake.
 *
 * @param <S> the state read for a page
 */
public interface PageFlow<S> {

    /** The route id of the flow, named in its dead letters ({@code payment-records}). */
    String flow();

    /** Reads, in bulk, what the page's records are decided against, and takes the locks they need. */
    S load(RecordPage page);

    /**
     * Decides what these records write, in page order, from the state; a record held back by a
     * dead letter (see {@link Holds}) or at fault itself becomes a dead letter of the plan.
     */
    Plan plan(S state, List<RecordPage.Item> items, Holds holds, PageContext page);

    /** Writes a plan. */
    void write(Plan plan);

    /** What a record holds back when it becomes a dead letter, and what holds it back. */
    List<String> holdKeys(S state, RecordPage.Item item);

    /** The same, for a malformed record, from what its raw JSON names. */
    default List<String> holdKeys(S state, RecordPage.Malformed malformed) {
        return List.of();
    }

    /**
     * The state as a written part of the page leaves it, for deciding the rest when a page is split
     * (a flow whose decisions read what earlier records wrote, the ledger, says so here).
     */
    default S advance(S state, Plan written) {
        return state;
    }

    /** A page's decisions: what to write, how many staged rows that makes, and the dead letters. */
    interface Plan {
        int staged();

        List<PageDeadLetters.Entry> deadLetters();
    }
}
