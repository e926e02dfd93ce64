package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
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
        ft1(dft.getFINANCIAL().getFT1(), Segments.zSegment(dft.getFINANCIAL(), codes.profile()), event);
        Segments.gt1(dft.getGT1(), account, subject.patient(), links, codes);
        return dft;
    }

    /** Fills one FT1 for a posting (and the profile's Z-segment after it, if it has one). */
    void ft1(FT1 ft1, Segment z, FinancialEvent event) throws HL7Exception {
        FinancialEvent.Kind kind = event.kind();
        PostingProfile profile = codes.profile();
        ft1.getSetIDFT1().setValue("1");                                                         // FT1-1
        ft1.getTransactionDate().getRangeStartDateTime().getTime()
                .setValue(Segments.TS.format(event.occurredAt()));                              // FT1-4 <- occurredAt
        ft1.getTransactionPostingDate().getTime().setValue(Segments.TS.format(Instant.now()));   // FT1-5 <- posting time
        ft1.getTransactionType().setValue(codes.transactionType(kind));                          // FT1-6 <- transaction-types.yaml
        Hl7Codes.TransactionCode code = codes.transactionCode(kind, method(event));
        ft1.getTransactionCode().getIdentifier().setValue(code.code());                          // FT1-7 <- transaction-codes.yaml
        ft1.getTransactionCode().getText().setValue(code.text());
        ft1.getTransactionCode().getNameOfCodingSystem().setValue(code.system());
        ft1.getTransactionDescription().setValue(profile.cut("FT1-8", description(event)));      // FT1-8 <- kind + source id
        BigDecimal signed = event.amount().multiply(BigDecimal.valueOf(codes.sign(kind)));
        ft1.getTransactionAmountExtended().getPrice().getQuantity().setValue(signed.toPlainString()); // FT1-11 <- amount
        ft1.getTransactionAmountExtended().getPrice().getDenomination()
                .setValue(event.payment().currency() == null ? "USD" : event.payment().currency());
        String original = kind == FinancialEvent.Kind.PAYMENT ? null
                : profile.originalOf(source -> value(source, event, event.payment().id()));
        profile.placeIds(ft1, z, source -> value(source, event, event.sourceId()), original); // ids <- posting.yaml
    }

    /** A Patientco value of the posting, as the profile's ids name it; {@code transactionId} is the posting's own id. */
    private static String value(PostingProfile.Source source, FinancialEvent event, String transactionId) {
        return switch (source) {
            case TRANSACTION_ID -> transactionId;
            case PAYMENT_ID -> event.payment().id();
            case BATCH_ID -> event.payment().settlementBatchId();
            case RECEIPT -> event.payment().receipt() == null ? null : event.payment().receipt().number();
            case METHOD -> method(event);
        };
    }

    private static String method(FinancialEvent event) {
        return event.payment().method() == null ? "card" : event.payment().method().type();
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
