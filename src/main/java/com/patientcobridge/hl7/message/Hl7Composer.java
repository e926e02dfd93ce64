package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.MessageComposer;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.DepositPosting;
import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.privacy.LogRedaction;
import com.patientcobridge.system.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Builds an outbox row's message from its stored event and the crosswalk, then parses the
 * encoded text back and validates it with HAPI before it may leave.
 */
public final class Hl7Composer implements MessageComposer {

    /**
     * A context per build thread, configured as the bridge's: HAPI's parser is not safe to share
     * between threads (a shared one made a message fail with "getParent() is null").
     */
    private final ThreadLocal<HapiContext> contexts;
    private final Crosswalk crosswalk;
    private final DftP03Mapper dft;
    private final AdtMapper adt;
    private final DepositDftMapper deposits;

    public Hl7Composer(HapiContext hapi, Crosswalk crosswalk, Hl7Codes codes) {
        this.contexts = ThreadLocal.withInitial(() -> new ca.uhn.hl7v2.DefaultHapiContext(hapi.getParserConfiguration(),
                hapi.getValidationContext(), hapi.getModelClassFactory()));
        this.crosswalk = crosswalk;
        this.dft = new DftP03Mapper(codes);
        this.adt = new AdtMapper(codes);
        this.deposits = new DepositDftMapper(codes);
    }

    @Override
    public String compose(String messageType, String payloadJson, String msh10) {
        HapiContext hapi = contexts.get();
        try {
            JsonNode stored = Json.MAPPER.readTree(payloadJson);
            String type = stored.path("type").asText();
            JsonNode data = stored.get("data");
            Message message = switch (type) {
                case "FinancialEvent" -> {
                    FinancialEvent event = Json.MAPPER.treeToValue(data, FinancialEvent.class);
                    yield dft.map(event, links(event.account()), msh10, Instant.now(), hapi);
                }
                case "DepositPosting" -> deposits.map(Json.MAPPER.treeToValue(data, DepositPosting.class), msh10,
                        Instant.now(), hapi);
                case "AccountEvent" -> {
                    AccountEvent event = Json.MAPPER.treeToValue(data, AccountEvent.class);
                    yield adt.map(event, links(event.account()), msh10, Instant.now(), hapi);
                }
                default -> throw new PermanentFailure(msh10, "No HL7 mapper for outbox payload type '" + type + "'");
            };
            String encoded = hapi.getPipeParser().encode(message);
            validate(hapi, encoded, msh10);
            return encoded;
        } catch (HL7Exception e) {
            throw new PermanentFailure(msh10, "HL7 message " + msh10 + " is not valid: " + reason(e), e);
        } catch (IOException e) {
            throw new PermanentFailure(msh10, "Outbox payload of " + msh10 + " cannot be read: "
                    + LogRedaction.exception(firstLine(e.getMessage())), e);
        }
    }

    /** Parses the message back with validation on: what cannot be parsed is never sent. */
    private static void validate(HapiContext hapi, String encoded, String msh10) throws HL7Exception {
        Message parsed = hapi.getPipeParser().parse(encoded);
        if (!msh10.equals(((MSH) parsed.get("MSH")).getMessageControlID().getValue())) {
            throw new HL7Exception("MSH-10 did not survive encoding");
        }
        if (((PID) parsed.get("PID")).getPatientIdentifierList(0).getIDNumber().getValue() == null) {
            throw new HL7Exception("PID-3 is empty");
        }
    }

    private Links links(Account account) {
        Subject subject = Subject.of(account);
        if (subject.patient() == null) {
            throw new PermanentFailure(account.id(), "Account " + account.id() + " has no patient to name in PID");
        }
        Map<Crosswalk.Kind, String> ids = new EnumMap<>(Crosswalk.Kind.class);
        ids.put(Crosswalk.Kind.PATIENT, subject.patient().id());
        ids.put(Crosswalk.Kind.ACCOUNT, account.id());
        ids.put(Crosswalk.Kind.GUARANTOR, account.guarantor().id());
        if (subject.encounter() != null) {
            ids.put(Crosswalk.Kind.ENCOUNTER, subject.encounter().id());
        }
        Map<Crosswalk.Kind, String> links = crosswalk.find(ids);
        String mrn = links.get(Crosswalk.Kind.PATIENT);
        if (mrn == null) {
            throw new NeedsLinkage(subject.patient().id());
        }
        return new Links(mrn, links.get(Crosswalk.Kind.ACCOUNT), links.get(Crosswalk.Kind.GUARANTOR),
                links.get(Crosswalk.Kind.ENCOUNTER));
    }

    /**
     * Where HAPI stopped and which rule failed, never the value: HAPI quotes the value it refused,
     * and this reason is stored with the dead letter and shown on the operations page.
     */
    static String reason(HL7Exception e) {
        String where = e.getLocation() == null || e.getLocation().getSegmentName() == null ? ""
                : e.getLocation() + ": ";
        return where + LogRedaction.exception(firstLine(e.getMessage()));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
