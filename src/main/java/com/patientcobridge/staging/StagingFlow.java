package com.patientcobridge.staging;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.model.PatientcoRecord;
import com.patientcobridge.pages.Holds;
import com.patientcobridge.pages.PageContext;
import com.patientcobridge.pages.PageFlow;
import com.patientcobridge.patientco.RecordPage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A flow that stages its records (statements, payment plans, communications): a page in one
 * statement of its {@link StagingTable}, and what else its records bring (a statement's lines
 * and PDF), in the same transaction.
 *
 * @param <T> the record type
 */
final class StagingFlow<T extends PatientcoRecord> implements PageFlow<Void> {

    /** A page's records to stage. */
    record Plan<T>(List<T> records) implements PageFlow.Plan {
        @Override
        public int staged() {
            return records.size();
        }

        @Override
        public List<PageDeadLetters.Entry> deadLetters() {
            return List.of();
        }
    }

    private final String flow;
    private final StagingTable<T> table;
    private final JdbcTemplate jdbc;
    private final java.util.function.Consumer<List<T>> also;

    StagingFlow(String flow, StagingTable<T> table, JdbcTemplate jdbc) {
        this(flow, table, jdbc, records -> { });
    }

    /** {@code also} writes what the records bring besides their rows, in the page's transaction. */
    StagingFlow(String flow, StagingTable<T> table, JdbcTemplate jdbc, java.util.function.Consumer<List<T>> also) {
        this.flow = flow;
        this.table = table;
        this.jdbc = jdbc;
        this.also = also;
    }

    @Override
    public String flow() {
        return flow;
    }

    @Override
    public Void load(RecordPage page) {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Plan<T> plan(Void state, List<RecordPage.Item> items, Holds holds, PageContext page) {
        List<T> records = new ArrayList<>(items.size());
        items.forEach(i -> records.add((T) i.record()));
        return new Plan<>(records);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(PageFlow.Plan plan) {
        table.upsert(jdbc, ((Plan<T>) plan).records());
        also.accept(((Plan<T>) plan).records());
    }

    @Override
    public List<String> holdKeys(Void state, RecordPage.Item item) {
        return List.of();
    }
}
