package com.patientcobridge.pages;

import com.patientcobridge.deadletter.PageDeadLetters;
import com.patientcobridge.model.PatientcoRecord;
import com.patientcobridge.patientco.RecordPage;
import com.patientcobridge.system.BridgeHeaders;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a {@link PageFlow} over a page, inside the page's transaction (the route's {@code transacted()}):
 * the malformed records and the records at fault become dead letters, the rest is written, and the
 * page is marked done, all in one commit. When a set-based write fails for a record's own sake (a
 * value the table refuses), the page is split, under savepoints, until the record is found; it is
 * dead-lettered and the rest of the page written. Any other failure (the database, the network) fails
 * the page whole: nothing is dead-lettered for it, and the page is read again.
 *
 * @param <S> the flow's state
 */
public final class PageProcessor<S> implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(PageProcessor.class);
    private final PageFlow<S> flow;
    private final PageDeadLetters deadLetters;
    private final TransactionTemplate savepoint;
    private volatile java.util.function.Consumer<List<Long>> recovered;

    public PageProcessor(PageFlow<S> flow, PageDeadLetters deadLetters, PlatformTransactionManager tx) {
        this.flow = flow;
        this.deadLetters = deadLetters;
        this.savepoint = new TransactionTemplate(tx);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Told, after commit, of dead letters whose records went through at last (see {@link #process}). */
    public PageProcessor<S> onRecovered(java.util.function.Consumer<List<Long>> listener) {
        this.recovered = listener;
        return this;
    }

    @Override
    public void process(Exchange exchange) {
        RecordPage page = page(exchange);
        PageContext context = new PageContext(flow.flow(), page.resource(), page.runId());
        S state = flow.load(page);
        List<PageDeadLetters.Entry> dead = new ArrayList<>();
        Holds holds = new Holds(flow.flow(), openHolds(page, state,
                exchange.getIn().getHeader(BridgeHeaders.REPLAY_OF, Long.class)));
        for (RecordPage.Malformed m : page.malformed()) {
            List<String> keys = flow.holdKeys(state, m);
            Optional<Holds.Blocker> behind = holds.blocking(m.id(), keys);
            dead.add(context.malformed(m, keys, behind));
            holds.hold(keys, m.id(), behind);
        }
        int staged = writeOrSplit(state, context, page.items(), holds, dead).staged();
        deadLetters.recordAll(dead);
        page.markDone(staged, dead.size());
        recoveredAfterCommit(page, holds, dead);
    }

    /**
     * Records of the page that had a dead letter of their own and went through this time (a new
     * version, a replay): once committed, their dead letters are over and what waited behind them follows.
     */
    private void recoveredAfterCommit(RecordPage page, Holds holds, List<PageDeadLetters.Entry> dead) {
        java.util.Set<String> stillDead = new java.util.HashSet<>();
        dead.forEach(e -> stillDead.add(e.patientcoId()));
        List<Long> over = new ArrayList<>();
        for (RecordPage.Item item : page.items()) {
            if (!stillDead.contains(item.id())) {
                holds.ownDeadLetter(item.id()).ifPresent(over::add);
            }
        }
        if (over.isEmpty() || recovered == null) {
            return;
        }
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            recovered.accept(over);
                        }
                    });
        } else {
            recovered.accept(over);
        }
    }

    /** A page, or a single record (a replay, a test) as a page of one. */
    private static RecordPage page(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        if (body instanceof RecordPage page) {
            return page;
        }
        if (body instanceof PatientcoRecord record) {
            return RecordPage.of(exchange.getIn().getHeader(BridgeHeaders.RESOURCE, String.class), record,
                    exchange.getIn().getHeader(BridgeHeaders.RUN_ID, Long.class));
        }
        throw new IllegalArgumentException("expected a page of records, got "
                + (body == null ? "nothing" : body.getClass().getSimpleName()));
    }

    private List<PageDeadLetters.Hold> openHolds(RecordPage page, S state, Long replayOf) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        page.items().forEach(i -> keys.addAll(flow.holdKeys(state, i)));
        page.malformed().forEach(m -> keys.addAll(flow.holdKeys(state, m)));
        return deadLetters.openHolds(keys, replayOf);
    }

    /** What is left to decide after part of a page was written: the state as that part left it, and the count. */
    private record Progress<S>(S state, int staged) {
    }

    /**
     * Writes the items' plan under a savepoint; when the database refuses it for a record's sake, the
     * first half, then the second (decided against what the first left), and so on down to the record.
     */
    private Progress<S> writeOrSplit(S state, PageContext context, List<RecordPage.Item> items, Holds holds,
            List<PageDeadLetters.Entry> dead) {
        if (items.isEmpty()) {
            return new Progress<>(state, 0);
        }
        Holds planned = holds.copy();
        PageFlow.Plan plan = flow.plan(state, items, planned, context);
        try {
            savepoint.executeWithoutResult(status -> flow.write(plan));
        } catch (DataAccessException e) {
            if (!recordsFault(e)) {
                throw e;
            }
            if (items.size() == 1) {
                dead.add(refused(state, context, items.get(0), holds, e));
                return new Progress<>(state, 0);
            }
            LOG.info("{}: a write of {} records was refused by the database; splitting it to find the record",
                    flow.flow(), items.size());
            int half = items.size() / 2;
            Progress<S> first = writeOrSplit(state, context, items.subList(0, half), holds, dead);
            Progress<S> second = writeOrSplit(first.state(), context, items.subList(half, items.size()), holds, dead);
            return new Progress<>(second.state(), first.staged() + second.staged());
        }
        holds.adopt(planned);
        dead.addAll(plan.deadLetters());
        return new Progress<>(flow.advance(state, plan), plan.staged());
    }

    /** A record the database refuses: a dead letter, holding back what it names. */
    private PageDeadLetters.Entry refused(S state, PageContext context, RecordPage.Item item, Holds holds,
            DataAccessException e) {
        List<String> keys = flow.holdKeys(state, item);
        Optional<Holds.Blocker> behind = holds.blocking(item.id(), keys);
        holds.hold(keys, item.id(), behind);
        return behind.isPresent() ? context.waiting(item, keys, behind.get())
                : context.entry(item, keys, item.id() + ": the database refused its write (SQLSTATE " + sqlState(e) + ")",
                        e, Optional.empty());
    }

    /** A value or constraint the database refuses (SQLSTATE classes 22 and 23): the record's fault, not the database's. */
    static boolean recordsFault(DataAccessException e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

}
