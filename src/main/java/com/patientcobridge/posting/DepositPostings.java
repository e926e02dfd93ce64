package com.patientcobridge.posting;

import com.patientcobridge.hl7.OutboundEvent;
import com.patientcobridge.hl7.Outbox;
import com.patientcobridge.model.DepositPosting;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.util.List;

/**
 * Batch posting ({@code bridge.posting.mode=batch}): when a settlement batch is first staged as
 * deposited, one DFT^P03 for it goes into the outbox, in the staging transaction, keyed by the
 * batch, so a deposit is posted once however often it is read.
 */
public class DepositPostings {

    private final Outbox outbox;
    private final Postings postings;

    public DepositPostings(Outbox outbox, Postings postings) {
        this.outbox = outbox;
        this.postings = postings;
    }

    /** Enqueues the deposit's DFT in batch mode; does nothing in other modes or for a batch not deposited. */
    public boolean post(Settlement batch, List<SettlementItem> items, String flow, Long runId) {
        if (!postings.postsDeposits() || !"deposited".equals(batch.status())) {
            return false;
        }
        // Order key per facility: deposits of one facility reach the EHR in the order they were staged.
        return outbox.enqueue(new OutboundEvent("settlement:" + batch.id() + ":deposited", flow, "DFT^P03",
                "deposit:" + batch.facilityId(), null, List.of(batch.id()), null, batch.id(),
                new DepositPosting(batch, items), batch.netAmount(), runId));
    }
}
