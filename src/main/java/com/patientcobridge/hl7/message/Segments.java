package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.v251.datatype.XAD;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.model.v251.segment.GT1;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.Address;
import com.patientcobridge.model.Guarantor;
import com.patientcobridge.model.Patient;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The segments DFT and ADT messages share: MSH, PID, PV1 and GT1, filled from the bridge's records and the crosswalk. */
final class Segments {

    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private Segments() {
    }

    static void msh(MSH msh, Hl7Codes.FacilityCodes f, String type, String trigger, String structure, String msh10,
            Instant now) throws HL7Exception {
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getSendingApplication().getNamespaceID().setValue(f.sendingApplication());     // MSH-3 <- facilities.yaml
        msh.getSendingFacility().getNamespaceID().setValue(f.sendingFacility());           // MSH-4 <- facilities.yaml
        msh.getReceivingApplication().getNamespaceID().setValue(f.receivingApplication()); // MSH-5 <- facilities.yaml
        msh.getReceivingFacility().getNamespaceID().setValue(f.receivingFacility());       // MSH-6 <- facilities.yaml
        msh.getDateTimeOfMessage().getTime().setValue(TS.format(now));                     // MSH-7 <- send time
        msh.getMessageType().getMessageCode().setValue(type);                              // MSH-9
        msh.getMessageType().getTriggerEvent().setValue(trigger);
        msh.getMessageType().getMessageStructure().setValue(structure);
        msh.getMessageControlID().setValue(msh10);                                         // MSH-10 <- outbox, for life
        msh.getProcessingID().getProcessingID().setValue(f.processingId());                // MSH-11 <- facilities.yaml
        msh.getVersionID().getVersionID().setValue("2.5.1");                               // MSH-12
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");                                  // MSH-18: accented names
    }

    /**
     * A new message of the type, made by the build thread's own context, so HAPI does not make a
     * context for each message (it does for one made with {@code new}) and no parser is shared.
     */
    static <T extends ca.uhn.hl7v2.model.Message> T newMessage(ca.uhn.hl7v2.HapiContext hapi, Class<T> type)
            throws HL7Exception {
        return hapi.newMessage(type);
    }

    /** A DFT^P03 with its MSH and EVN filled: the start both posting mappers share. */
    static DFT_P03 dft(ca.uhn.hl7v2.HapiContext hapi, Hl7Codes.FacilityCodes f, String msh10, Instant now)
            throws HL7Exception, IOException {
        DFT_P03 dft = newMessage(hapi, DFT_P03.class);
        msh(dft.getMSH(), f, "DFT", "P03", "DFT_P03", msh10, now);
        dft.getEVN().getEventTypeCode().setValue("P03");                                  // EVN-1
        dft.getEVN().getRecordedDateTime().getTime().setValue(TS.format(now));            // EVN-2 <- send time
        return dft;
    }

    /** The profile's Z-segment, added to a FINANCIAL group after its FT1, or null when the profile has none. */
    static ca.uhn.hl7v2.model.Segment zSegment(ca.uhn.hl7v2.model.AbstractGroup financial, PostingProfile profile)
            throws HL7Exception {
        if (profile.zSegment() == null) {
            return null;
        }
        return (ca.uhn.hl7v2.model.Segment) financial.get(financial.addNonstandardSegment(profile.zSegment()));
    }

    static void pid(PID pid, Patient patient, Links links, Hl7Codes codes, Hl7Codes.FacilityCodes f)
            throws HL7Exception {
        PostingProfile.Identifiers ids = codes.profile().identifiers();
        pid.getSetIDPID().setValue("1");
        pid.getPatientIdentifierList(0).getIDNumber().setValue(links.mrn());                       // PID-3 <- crosswalk MRN
        pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().setValue(f.mrnAssigningAuthority());
        pid.getPatientIdentifierList(0).getIdentifierTypeCode().setValue(ids.mrnType());          // <- posting.yaml
        pid.getPatientIdentifierList(1).getIDNumber().setValue(patient.id());                      // PID-3 ~ Patientco id
        pid.getPatientIdentifierList(1).getAssigningAuthority().getNamespaceID().setValue(ids.patientcoAuthority());
        pid.getPatientIdentifierList(1).getIdentifierTypeCode().setValue(ids.patientcoType());
        name(pid.getPatientName(0), patient.lastName(), patient.firstName(), null);               // PID-5 <- patient name
        date(pid.getDateTimeOfBirth().getTime(), patient.dateOfBirth());                           // PID-7 <- dateOfBirth
        pid.getAdministrativeSex().setValue(codes.sex(patient.sex()));                             // PID-8 <- sex.yaml
        if (links.hospitalAccountNumber() != null) {
            pid.getPatientAccountNumber().getIDNumber().setValue(links.hospitalAccountNumber());   // PID-18 <- crosswalk HAR
        }
    }

    static void pv1(PV1 pv1, String patientClass, Links links, Hl7Codes codes) throws HL7Exception {
        pv1.getSetIDPV1().setValue("1");
        pv1.getPatientClass().setValue(codes.patientClass(patientClass));                          // PV1-2 <- patient-class.yaml
        if (links.visitNumber() != null) {
            pv1.getVisitNumber().getIDNumber().setValue(links.visitNumber());                       // PV1-19 <- crosswalk visit
        }
    }

    static void gt1(GT1 gt1, Account account, Patient patient, Links links, Hl7Codes codes) throws HL7Exception {
        Guarantor g = account.guarantor();
        PostingProfile.Identifiers ids = codes.profile().identifiers();
        gt1.getSetIDGT1().setValue("1");
        gt1.getGuarantorNumber(0).getIDNumber().setValue(links.ehrGuarantorId() != null ? links.ehrGuarantorId()
                : g.id());                                                                            // GT1-2 <- EHR id or gtr_
        gt1.getGuarantorNumber(0).getIdentifierTypeCode().setValue(links.ehrGuarantorId() != null
                ? ids.ehrGuarantorType() : ids.patientcoGuarantorType());                             // <- posting.yaml
        name(gt1.getGuarantorName(0), g.lastName(), g.firstName(), g.middleName());                   // GT1-3
        address(gt1.getGuarantorAddress(0), g.address());                                            // GT1-5
        if (g.phone() != null) {
            gt1.getGuarantorPhNumHome(0).getTelephoneNumber().setValue(g.phone());                   // GT1-6
            gt1.getGuarantorPhNumHome(0).getTelecommunicationUseCode().setValue("PRN");
        }
        if (g.email() != null) {
            int rep = g.phone() != null ? 1 : 0;
            gt1.getGuarantorPhNumHome(rep).getTelecommunicationUseCode().setValue("NET");
            gt1.getGuarantorPhNumHome(rep).getEmailAddress().setValue(g.email());
        }
        date(gt1.getGuarantorDateTimeOfBirth().getTime(), g.dateOfBirth());                          // GT1-8
        gt1.getGuarantorAdministrativeSex().setValue(codes.sex(g.sex()));                            // GT1-9
        gt1.getGuarantorRelationship().getIdentifier().setValue(
                codes.relationship(patient == null ? null : patient.relationshipToGuarantor()));      // GT1-11
    }

    private static void name(XPN xpn, String last, String first, String middle) throws DataTypeException {
        xpn.getFamilyName().getSurname().setValue(last);
        xpn.getGivenName().setValue(first);
        if (middle != null) {
            xpn.getSecondAndFurtherGivenNamesOrInitialsThereof().setValue(middle);
        }
    }

    private static void address(XAD xad, Address a) throws DataTypeException {
        if (a == null) {
            return;
        }
        xad.getStreetAddress().getStreetOrMailingAddress().setValue(a.line1());
        xad.getOtherDesignation().setValue(a.line2());
        xad.getCity().setValue(a.city());
        xad.getStateOrProvince().setValue(a.state());
        xad.getZipOrPostalCode().setValue(a.postalCode());
        xad.getCountry().setValue(a.country());
    }

    private static void date(ca.uhn.hl7v2.model.v251.datatype.DTM dtm, LocalDate date) throws DataTypeException {
        if (date != null) {
            dtm.setValue(DATE.format(date));
        }
    }
}
