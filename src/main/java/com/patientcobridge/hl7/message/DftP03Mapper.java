package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.FT1;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.FinancialEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/** One ledger posting (a payment or a reversal) as one DFT^P03 with EVN, PID, PV1, FT1 and GT1. */
public final class DftP03Mapper {

    private final Hl7Codes codes;

    public DftP03Mapper(Hl7Codes codes) {
        this.codes = codes;
    }

    public DFT_P03 map(FinancialEvent event, Links links, String msh10, Instant now) throws HL7Exception, IOException {
        return map(event, links, msh10, now, com.patientcobridge.hl7.Hl7Config.newContext());
    }

    /** The DFT, made by {@code hapi} (a context of the calling build thread's own). */
    public DFT_P03 map(FinancialEvent event, Links links, String msh10, Instant now, ca.uhn.hl7v2.HapiContext hapi)
            throws HL7Exception, IOException {
        Account account = event.account();
        Subject subject = Subject.of(account);
        Hl7Codes.FacilityCodes f = codes.facility(account.facilityId());
        DFT_P03 dft = Segments.dft(hapi, f, msh10, now);
        Segments.pid(dft.getPID(), subject.patient(), links, codes, f);
        Segments.pv1(dft.getPV1(), subject.encounter() == null ? null : subject.encounter().patientClass(), links, codes);
        ft1(dft.getFINANCIAL().getFT1(), event, 1);
        Segments.gt1(dft.getGT1(), account, subject.patient(), links, codes);
        return dft;
    }

    /** Fills one FT1 for a posting; also used by the batch mapper with a running set id. */
    void ft1(FT1 ft1, FinancialEvent event, int setId) throws HL7Exception {
        FinancialEvent.Kind kind = event.kind();
        ft1.getSetIDFT1().setValue(String.valueOf(setId));                                       // FT1-1
        String receipt = event.payment().receipt() == null ? null : event.payment().receipt().number();
        if (receipt != null && receipt.length() <= 12) {
            ft1.getTransactionID().setValue(receipt);                                            // FT1-2 <- receipt (<= 12)
        }
        String batch = event.payment().settlementBatchId();
        if (batch != null && batch.length() <= 10) {
            ft1.getTransactionBatchID().setValue(batch);                                         // FT1-3 <- batch (<= 10)
        }
        ft1.getTransactionDate().getRangeStartDateTime().getTime()
                .setValue(Segments.TS.format(event.occurredAt()));                              // FT1-4 <- occurredAt
        ft1.getTransactionPostingDate().getTime().setValue(Segments.TS.format(Instant.now()));   // FT1-5 <- posting time
        ft1.getTransactionType().setValue(codes.transactionType(kind));                          // FT1-6 <- transaction-types.yaml
        String method = event.payment().method() == null ? "card" : event.payment().method().type();
        Hl7Codes.TransactionCode code = codes.transactionCode(kind, method);
        ft1.getTransactionCode().getIdentifier().setValue(code.code());                          // FT1-7 <- transaction-codes.yaml
        ft1.getTransactionCode().getText().setValue(code.text());
        ft1.getTransactionCode().getNameOfCodingSystem().setValue(code.system());
        ft1.getTransactionDescription().setValue(description(event));                           // FT1-8 <- kind + source id
        BigDecimal signed = event.amount().multiply(BigDecimal.valueOf(codes.sign(kind)));
        ft1.getTransactionAmountExtended().getPrice().getQuantity().setValue(signed.toPlainString()); // FT1-11 <- amount
        ft1.getTransactionAmountExtended().getPrice().getDenomination()
                .setValue(event.payment().currency() == null ? "USD" : event.payment().currency());
        ft1.getFillerOrderNumber().getEntityIdentifier().setValue(event.sourceId());             // FT1-23 <- ref_/cbk_/pay_ id
        ft1.getFillerOrderNumber().getNamespaceID().setValue("PATIENTCO");
        ft1.getPaymentReferenceID().getIDNumber().setValue(event.payment().id());                // FT1-30 <- payment id
        ft1.getPaymentReferenceID().getAssigningAuthority().getNamespaceID().setValue("PATIENTCO");
    }

    /** FT1-8 (40 characters): what the posting is, with the Patientco id of the reversal itself. */
    static String description(FinancialEvent event) {
        String what = switch (event.kind()) {
            case PAYMENT -> "Payment";
            case VOID_REVERSAL -> "Void";
            case REFUND_REVERSAL -> "Refund";
            case CHARGEBACK_REVERSAL -> "Chargeback";
            case CHARGEBACK_REPOST -> "Chargeback won";
        };
        String text = what + " " + event.sourceId();
        return text.length() <= 40 ? text : text.substring(0, 40);
    }
}
