package com.patientcobridge.hl7.inbound;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.linkage.PostgresCrosswalk;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The EHR's ADT feed back to the bridge: A01/A04/A05/A08/A28/A31 link the Patientco patient named
 * in PID-3 (assigning authority PATIENTCO) to the MRN beside it; A40 moves every link of the prior
 * MRN (MRG-1) to the survivor (PID-3). Every message is answered: AA when the crosswalk now says
 * what the message says, AE with the reason when it cannot be applied, AR for a message type or
 * event the bridge does not take.
 */
public final class EhrAdtFeed {

    private static final Logger LOG = LoggerFactory.getLogger(EhrAdtFeed.class);
    private static final Set<String> REGISTRATIONS = Set.of("A01", "A04", "A05", "A08", "A28", "A31");

    /** What was done with one message. */
    record Outcome(AcknowledgmentCode code, String reason, int linked) {
        static Outcome done(int linked) {
            return new Outcome(AcknowledgmentCode.AA, null, linked);
        }

        static Outcome error(String reason) {
            return new Outcome(AcknowledgmentCode.AE, reason, 0);
        }

        static Outcome reject(String reason) {
            return new Outcome(AcknowledgmentCode.AR, reason, 0);
        }
    }

    private final HapiContext hapi;
    private final PostgresCrosswalk crosswalk;
    private final Runnable linked;

    /** {@code linked} runs after links changed: messages waiting for those MRNs are released. */
    public EhrAdtFeed(PostgresCrosswalk crosswalk, Runnable linked) {
        this.crosswalk = crosswalk;
        this.linked = linked;
        ParserConfiguration parser = new ParserConfiguration();
        parser.setIdGenerator(new InMemoryIDGenerator());
        // The EHR's ADT is read for PID-3 and MRG-1 only: its other fields are the EHR's business.
        this.hapi = new DefaultHapiContext(parser, ValidationContextFactory.noValidation(),
                new ca.uhn.hl7v2.parser.DefaultModelClassFactory());
    }

    /** The acknowledgement of one received frame's text. */
    public String answer(String text) {
        if (text == null || !text.stripLeading().startsWith("MSH")) {
            LOG.warn("EHR ADT listener: a frame without an MSH segment ({} characters) was refused with AR",
                    text == null ? 0 : text.length());
            return Acks.reject("not an HL7 v2 message: it does not start with MSH");
        }
        Message message;
        try {
            message = hapi.getPipeParser().parse(text.stripLeading().replace('\n', '\r'));
        } catch (HL7Exception e) {
            LOG.warn("EHR ADT listener: a message HAPI cannot parse was refused with AR");
            return Acks.reject("HAPI cannot parse the message" + where(e));
        }
        Terser t = new Terser(message);
        String controlId = field(t, "/MSH-10");
        Outcome outcome;
        try {
            outcome = apply(t);
        } catch (DataAccessException e) {
            LOG.warn("EHR ADT {}: the crosswalk is unavailable ({}); answered AE", controlId,
                    e.getClass().getSimpleName());
            outcome = Outcome.error("the bridge cannot store links now (database unavailable): send it again later");
        }
        if (outcome.linked() > 0) {
            linked.run();
        }
        LOG.info("EHR ADT {} ({}): {} link(s) updated, answered {}", field(t, "/MSH-9-2"), controlId, outcome.linked(),
                outcome.code());
        return Acks.of(message, outcome.code(), outcome.reason());
    }

    private Outcome apply(Terser t) {
        String type = field(t, "/MSH-9-1");
        String event = field(t, "/MSH-9-2");
        if (!"ADT".equals(type)) {
            return Outcome.reject("message type " + type + " is not taken by the bridge (ADT only)");
        }
        if ("A40".equals(event)) {
            return merge(t);
        }
        if (!REGISTRATIONS.contains(event)) {
            return Outcome.reject("ADT event " + event + " is not taken by the bridge");
        }
        return register(t);
    }

    private Outcome merge(Terser t) {
        String survivor = field(t, "/.PID-3-1");
        String prior = field(t, "/.MRG-1-1");
        if (survivor == null || prior == null) {
            return Outcome.error("A40 needs the surviving MRN in PID-3 and the prior MRN in MRG-1");
        }
        if (crosswalk.patientcoIds(Crosswalk.Kind.PATIENT, prior).isEmpty()) {
            return Outcome.error("prior MRN in MRG-1 is not linked to any Patientco patient: nothing was merged");
        }
        return Outcome.done(crosswalk.merge(Crosswalk.Kind.PATIENT, prior, survivor));
    }

    private Outcome register(Terser t) {
        String mrn = null;
        String patientId = null;
        boolean any = false;
        for (int i = 0; i < 10; i++) {
            String id = field(t, "/.PID-3(" + i + ")-1");
            if (id == null) {
                break;
            }
            any = true;
            String authority = field(t, "/.PID-3(" + i + ")-4-1");
            String type = field(t, "/.PID-3(" + i + ")-5");
            if ("PATIENTCO".equals(authority)) {
                patientId = id;
            } else if (mrn == null && (type == null || "MR".equals(type))) {
                mrn = id;
            }
        }
        if (!any) {
            return Outcome.error("PID-3 is empty: no patient to link");
        }
        if (mrn == null) {
            return Outcome.error("PID-3 has no MRN (identifier type MR)");
        }
        if (patientId == null) {
            if (!crosswalk.patientcoIds(Crosswalk.Kind.PATIENT, mrn).isEmpty()) {
                return Outcome.done(0);
            }
            return Outcome.error("PID-3 names no Patientco patient (assigning authority PATIENTCO) and the MRN "
                    + "is not linked: nothing to link");
        }
        boolean changed = crosswalk.link(Crosswalk.Kind.PATIENT, patientId, mrn, "ehr");
        return Outcome.done(changed ? 1 : 0);
    }

    private static String field(Terser t, String path) {
        try {
            String v = t.get(path);
            return v == null || v.isBlank() ? null : v;
        } catch (HL7Exception e) {
            return null;
        }
    }

    /** The segment HAPI stopped at, without any of the message's values. */
    private static String where(HL7Exception e) {
        return e.getLocation() != null && e.getLocation().getSegmentName() != null
                ? " (at segment " + e.getLocation().getSegmentName() + ")" : "";
    }
}
