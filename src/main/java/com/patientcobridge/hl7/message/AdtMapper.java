package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A05;
import java.io.IOException;
import java.time.Instant;

/**
 * An account as ADT with PID, PV1 and GT1: the event (A04, A08, A28, A31) per change comes from
 * {@code mappings/adt-events.yaml}; A04/A08 use the ADT_A01 structure, A28/A31 ADT_A05.
 */
public final class AdtMapper {

    private final Hl7Codes codes;

    public AdtMapper(Hl7Codes codes) {
        this.codes = codes;
    }

    public Message map(AccountEvent event, Links links, String msh10, Instant now) throws HL7Exception, IOException {
        String trigger = codes.adtEvent(event.change());
        Subject subject = Subject.of(event.account());
        Hl7Codes.FacilityCodes f = codes.facility(event.account().facilityId());
        String patientClass = subject.encounter() == null ? null : subject.encounter().patientClass();
        if (trigger.equals("A04") || trigger.equals("A08")) {
            ADT_A01 adt = new ADT_A01();
            adt.initQuickstart("ADT", trigger, f.processingId());
            Segments.msh(adt.getMSH(), f, "ADT", trigger, "ADT_A01", msh10, now);
            adt.getEVN().getEventTypeCode().setValue(trigger);
            adt.getEVN().getRecordedDateTime().getTime().setValue(Segments.TS.format(event.occurredAt()));
            Segments.pid(adt.getPID(), subject.patient(), links, codes, f);
            Segments.pv1(adt.getPV1(), patientClass, links, codes);
            Segments.gt1(adt.getGT1(), event.account(), subject.patient(), links, codes);
            return adt;
        }
        ADT_A05 adt = new ADT_A05();
        adt.initQuickstart("ADT", trigger, f.processingId());
        Segments.msh(adt.getMSH(), f, "ADT", trigger, "ADT_A05", msh10, now);
        adt.getEVN().getEventTypeCode().setValue(trigger);
        adt.getEVN().getRecordedDateTime().getTime().setValue(Segments.TS.format(event.occurredAt()));
        Segments.pid(adt.getPID(), subject.patient(), links, codes, f);
        Segments.pv1(adt.getPV1(), patientClass, links, codes);
        Segments.gt1(adt.getGT1(), event.account(), subject.patient(), links, codes);
        return adt;
    }
}
