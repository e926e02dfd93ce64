package com.patientcobridge.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One posting to the EHR's ledger, decided by the payment lifecycle: the HL7 mapper turns it
 * into one DFT^P03. {@code eventKey} is (resource id, transition), e.g. {@code refund:ref_1:completed}.
 * {@code amount} is always positive; the sign convention per kind comes from mappings/.
 */
public record FinancialEvent(Kind kind, String eventKey, Account account, Payment payment, Refund refund,
        Chargeback chargeback, BigDecimal amount, Instant occurredAt) {

    /** What the posting means in the EHR's ledger. */
    public enum Kind {
        /** A captured payment. */
        PAYMENT,
        /** A payment voided after it had been posted: reverses the full amount. */
        VOID_REVERSAL,
        /** A completed refund: reverses the refunded amount. */
        REFUND_REVERSAL,
        /** A chargeback opened: reverses the disputed amount. */
        CHARGEBACK_REVERSAL,
        /** A chargeback won: posts the disputed amount again. */
        CHARGEBACK_REPOST
    }

    /** The Patientco id of the reversal itself (ref_, cbk_), or the payment's for a payment or void. */
    public String sourceId() {
        return switch (kind) {
            case REFUND_REVERSAL -> refund.id();
            case CHARGEBACK_REVERSAL, CHARGEBACK_REPOST -> chargeback.id();
            default -> payment.id();
        };
    }
}
