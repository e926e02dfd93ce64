package com.patientcobridge.posting;

import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.message.Subject;
import com.patientcobridge.model.FinancialEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where the lifecycle's postings go: one DFT^P03 per {@link FinancialEvent} into the outbox
 * ({@code bridge.posting.mode=event}), or nowhere ({@code batch}: the settlement flow posts one DFT
 * per deposited batch, and the lifecycle only keeps the ledger; {@code none}: no DFT at all, for a
 * billing office that posts from the 835 per deposit).
 */
public class Postings {

    /** How payments reach the EHR's ledger. */
    public enum Mode { EVENT, BATCH, NONE }

    private final Mode mode;

    public Postings(Mode mode) {
        this.mode = mode;
    }

    public boolean enqueues() {
        return mode == Mode.EVENT;
    }

    /** True when a deposited settlement batch is posted as one DFT. */
    public boolean postsDeposits() {
        return mode == Mode.BATCH;
    }

    /** The outbox rows of these postings, in order; none in batch mode. */
    List<OutboundEvent> outbound(List<FinancialEvent> events, String flow, Long runId) {
        List<OutboundEvent> rows = new ArrayList<>(events.size());
        if (mode != Mode.EVENT) {
            return rows;
        }
        for (FinancialEvent event : events) {
            Subject subject = Subject.of(event.account());
            List<String> ids = List.copyOf(new LinkedHashSet<>(List.of(event.payment().id(), event.sourceId(),
                    event.account().id())));
            String batch = event.refund() != null && event.refund().settlementBatchId() != null
                    ? event.refund().settlementBatchId()
                    : event.chargeback() != null && event.chargeback().settlementBatchId() != null
                            ? event.chargeback().settlementBatchId() : event.payment().settlementBatchId();
            // Order key = the guarantor: a payment and its reversals reach the EHR in the order they happened.
            rows.add(new OutboundEvent(event.eventKey(), flow, "DFT^P03", event.account().guarantor().id(),
                    event.payment().id(), ids, subject.patient() == null ? null : subject.patient().id(), batch, event,
                    event.amount(), runId));
        }
        return rows;
    }
}
