package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.group.DFT_P03_FINANCIAL;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.FT1;
import ca.uhn.hl7v2.model.v251.segment.PID;
import com.patientcobridge.model.DepositPosting;
import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Batch posting: a deposited settlement batch as one DFT^P03 to the facility's deposit account,
 * the batch as its visit (PV1-19), and one FT1 per item, coded from mappings/deposit-items.yaml.
 */
public final class DepositDftMapper {

    private final Hl7Codes codes;

    public DepositDftMapper(Hl7Codes codes) {
        this.codes = codes;
    }

    public DFT_P03 map(DepositPosting posting, String msh10, Instant now) throws HL7Exception, IOException {
        return map(posting, msh10, now, com.patientcobridge.hl7.Hl7Config.newContext());
    }

    /** The deposit's DFT, made by {@code hapi} (a context of the calling build thread's own). */
    public DFT_P03 map(DepositPosting posting, String msh10, Instant now, ca.uhn.hl7v2.HapiContext hapi)
            throws HL7Exception, IOException {
        Settlement batch = posting.batch();
        Hl7Codes.FacilityCodes f = codes.facility(batch.facilityId());
        DFT_P03 dft = Segments.dft(hapi, f, msh10, now);
        PID pid = dft.getPID();
        pid.getSetIDPID().setValue("1");
        pid.getPatientIdentifierList(0).getIDNumber().setValue(codes.depositAccount(batch.facilityId())); // PID-3 <- facilities.yaml
        pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().setValue(f.mrnAssigningAuthority());
        PostingProfile.Identifiers ids = codes.profile().identifiers();
        pid.getPatientIdentifierList(0).getIdentifierTypeCode().setValue(ids.depositAccountType()); // <- posting.yaml
        pid.getPatientName(0).getFamilyName().getSurname().setValue(ids.depositName());            // PID-5 <- posting.yaml
        pid.getPatientName(0).getGivenName().setValue(f.receivingFacility());
        dft.getPV1().getSetIDPV1().setValue("1");
        dft.getPV1().getPatientClass().setValue(codes.patientClass(null));                        // PV1-2 <- patient-class.yaml
        dft.getPV1().getVisitNumber().getIDNumber().setValue(batch.id());                         // PV1-19 <- settlement batch
        dft.getPV1().getVisitNumber().getAssigningAuthority().getNamespaceID().setValue(ids.patientcoAuthority());
        int setId = 1;
        for (SettlementItem item : posting.items()) {
            DFT_P03_FINANCIAL financial = dft.getFINANCIAL(setId - 1);
            ft1(financial.getFT1(), Segments.zSegment(financial, codes.profile()), batch, item, setId);
            setId++;
        }
        return dft;
    }

    private void ft1(FT1 ft1, Segment z, Settlement batch, SettlementItem item, int setId) throws HL7Exception {
        Hl7Codes.DepositItemCode code = codes.depositItem(item.type());
        ft1.getSetIDFT1().setValue(String.valueOf(setId));                                        // FT1-1
        ft1.getTransactionDate().getRangeStartDateTime().getTime()
                .setValue(Segments.TS.format(item.occurredAt()));                                 // FT1-4 <- occurredAt
        ft1.getTransactionPostingDate().getTime()
                .setValue(batch.depositDate().format(Segments.DATE));                             // FT1-5 <- deposit date
        ft1.getTransactionType().setValue(code.type());                                          // FT1-6 <- deposit-items.yaml
        ft1.getTransactionCode().getIdentifier().setValue(code.code().code());                   // FT1-7 <- deposit-items.yaml
        ft1.getTransactionCode().getText().setValue(code.code().text());
        ft1.getTransactionCode().getNameOfCodingSystem().setValue(code.code().system());
        String what = item.type() + " " + (item.accountId() == null ? "" : item.accountId());
        ft1.getTransactionDescription().setValue(codes.profile().cut("FT1-8", what.strip()));   // FT1-8 <- type + account
        BigDecimal signed = item.amount().multiply(BigDecimal.valueOf(code.sign()));
        ft1.getTransactionAmountExtended().getPrice().getQuantity().setValue(signed.toPlainString()); // FT1-11 <- amount
        ft1.getTransactionAmountExtended().getPrice().getDenomination()
                .setValue(batch.currency() == null ? "USD" : batch.currency());
        codes.profile().placeIds(ft1, z, source -> switch (source) {                              // ids <- posting.yaml
            case TRANSACTION_ID -> item.id();
            case PAYMENT_ID -> item.paymentId();
            case BATCH_ID -> batch.id();
            case RECEIPT, METHOD -> null;
        }, null);
    }
}
