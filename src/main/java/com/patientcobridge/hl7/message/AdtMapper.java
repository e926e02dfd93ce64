package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A05;
import ca.uhn.hl7v2.model.v251.segment.EVN;
import ca.uhn.hl7v2.model.v251.segment.GT1;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import java.io.IOException;
import java.time.Instant;

/**
 * One patient of an account as ADT with PID and PV1 (that patient and encounter) and GT1 (the
 * account's guarantor, the relationship from mappings/relationship.yaml): the event (A04, A08,
 * A28, A31) per change comes from the posting profile's {@code adt-events.yaml}; A04/A08 use the
 * ADT_A01 structure, A28/A31 ADT_A05.
 */
public final class AdtMapper {

    private final Hl7Codes codes;

    public AdtMapper(Hl7Codes codes) {
        this.codes = codes;
    }

    public Message map(AccountEvent event, Links links, String msh10, Instant now) throws HL7Exception, IOException {
        return map(event, links, msh10, now, com.patientcobridge.hl7.Hl7Config.newContext());
    }

    /** The ADT, made by {@code hapi} (a context of the calling build thread's own). */
    public Message map(AccountEvent event, Links links, String msh10, Instant now, ca.uhn.hl7v2.HapiContext hapi)
            throws HL7Exception, IOException {
        String trigger = codes.adtEvent(event.change());
        Subject subject = event.subject();
        Hl7Codes.FacilityCodes f = codes.facility(event.account().facilityId());
        String patientClass = subject.encounter() == null ? null : subject.encounter().patientClass();
        if (trigger.equals("A04") || trigger.equals("A08")) {
            ADT_A01 adt = Segments.newMessage(hapi, ADT_A01.class);
            fill(adt.getMSH(), adt.getEVN(), adt.getPID(), adt.getPV1(), adt.getGT1(), "ADT_A01", event, links, msh10,
                    now, trigger, subject, f, patientClass);
            return adt;
        }
        ADT_A05 adt = Segments.newMessage(hapi, ADT_A05.class);
        fill(adt.getMSH(), adt.getEVN(), adt.getPID(), adt.getPV1(), adt.getGT1(), "ADT_A05", event, links, msh10, now,
                trigger, subject, f, patientClass);
        return adt;
    }

    /** The same segments in both structures: MSH, EVN, PID, PV1, GT1. */
    private void fill(MSH msh, EVN evn, PID pid, PV1 pv1, GT1 gt1, String structure, AccountEvent event, Links links,
            String msh10, Instant now, String trigger, Subject subject, Hl7Codes.FacilityCodes f, String patientClass)
            throws HL7Exception {
        Segments.msh(msh, f, "ADT", trigger, structure, msh10, now);
        evn.getEventTypeCode().setValue(trigger);
        evn.getRecordedDateTime().getTime().setValue(Segments.TS.format(event.occurredAt()));
        Segments.pid(pid, subject.patient(), links, codes, f);
        Segments.pv1(pv1, patientClass, links, codes);
        Segments.gt1(gt1, event.account(), subject.patient(), links, codes);
    }
}
