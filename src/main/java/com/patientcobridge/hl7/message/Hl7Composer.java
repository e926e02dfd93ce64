package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.hl7.Crosswalk;
import com.patientcobridge.hl7.MessageCharset;
import com.patientcobridge.hl7.MessageComposer;
import com.patientcobridge.model.Account;
import com.patientcobridge.model.DepositPosting;
import com.patientcobridge.model.FinancialEvent;
import com.patientcobridge.privacy.LogRedaction;
import com.patientcobridge.system.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds outbox rows' messages from their stored events and the crosswalk (one lookup for a batch
 * of rows), on a HapiContext per build thread. HAPI validates each message as it encodes it (the
 * model's rules, then the encoded text's); the bridge adds its own: MSH-10 set, PID-3 named.
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

    /** A stored event read, or why it could not be. */
    private record Read(Object event, String invalid) {
    }

    @Override
    public List<Built> composeAll(List<Request> requests) {
        List<Read> read = new ArrayList<>(requests.size());
        Set<Crosswalk.Key> keys = new HashSet<>();
        for (Request r : requests) {
            Read one = read(r);
            read.add(one);
            if (one.event() instanceof FinancialEvent f) {
                keys.addAll(keys(f.account(), Subject.of(f.account())));
            } else if (one.event() instanceof AccountEvent a) {
                keys.addAll(keys(a.account(), a.subject()));
            }
        }
        Map<Crosswalk.Key, String> links = crosswalk.findAll(keys);
        List<Built> built = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            built.add(read.get(i).invalid() != null ? Built.invalid(read.get(i).invalid())
                    : build(requests.get(i).msh10(), read.get(i).event(), links));
        }
        return built;
    }

    @Override
    public String compose(String messageType, String payloadJson, String msh10) {
        Built built = composeAll(List.of(new Request(messageType, payloadJson, msh10))).get(0);
        if (built.needsLinkage()) {
            throw new NeedsLinkage(msh10);
        }
        if (built.invalid() != null) {
            throw new PermanentFailure(msh10, built.invalid());
        }
        return built.hl7();
    }

    private static Read read(Request r) {
        try {
            JsonNode stored = Json.MAPPER.readTree(r.payloadJson());
            String type = stored.path("type").asText();
            JsonNode data = stored.get("data");
            return switch (type) {
                case "FinancialEvent" -> new Read(Json.MAPPER.treeToValue(data, FinancialEvent.class), null);
                case "DepositPosting" -> new Read(Json.MAPPER.treeToValue(data, DepositPosting.class), null);
                case "AccountEvent" -> new Read(Json.MAPPER.treeToValue(data, AccountEvent.class), null);
                default -> new Read(null, "No HL7 mapper for outbox payload type '" + type + "'");
            };
        } catch (IOException e) {
            return new Read(null, "Outbox payload of " + r.msh10() + " cannot be read: "
                    + LogRedaction.exception(firstLine(e.getMessage())));
        }
    }

    private Built build(String msh10, Object event, Map<Crosswalk.Key, String> found) {
        HapiContext hapi = contexts.get();
        try {
            Links links = null;
            Message message;
            if (event instanceof FinancialEvent f) {
                links = links(f.account(), Subject.of(f.account()), found);
                message = dft.map(f, links, msh10, Instant.now(), hapi);
            } else if (event instanceof AccountEvent a) {
                links = links(a.account(), a.subject(), found);
                message = adt.map(a, links, msh10, Instant.now(), hapi);
            } else {
                message = deposits.map((DepositPosting) event, msh10, Instant.now(), hapi);
            }
            MSH msh = (MSH) message.get("MSH");
            if (!msh10.equals(msh.getMessageControlID().getValue())) {
                throw new HL7Exception("MSH-10 is not the row's");
            }
            if (((PID) message.get("PID")).getPatientIdentifierList(0).getIDNumber().getValue() == null) {
                throw new HL7Exception("PID-3 is empty");
            }
            String encoded = hapi.getPipeParser().encode(message);
            return Built.message(encoded, links == null ? null : links.mrn(),
                    MessageCharset.named(msh.getCharacterSet(0).getValue()));
        } catch (NeedsLinkage e) {
            return Built.waitingForLinkage();
        } catch (PermanentFailure e) {
            return Built.invalid(e.reason());
        } catch (HL7Exception e) {
            return Built.invalid("HL7 message " + msh10 + " is not valid: " + reason(e));
        } catch (IOException e) {
            return Built.invalid("HL7 message " + msh10 + " cannot be built: "
                    + LogRedaction.exception(firstLine(e.getMessage())));
        }
    }

    /** The crosswalk keys an account's message needs: its patient, account, guarantor and encounter. */
    private static List<Crosswalk.Key> keys(Account account, Subject subject) {
        List<Crosswalk.Key> keys = new ArrayList<>(4);
        if (subject.patient() != null) {
            keys.add(new Crosswalk.Key(Crosswalk.Kind.PATIENT, subject.patient().id()));
        }
        keys.add(new Crosswalk.Key(Crosswalk.Kind.ACCOUNT, account.id()));
        keys.add(new Crosswalk.Key(Crosswalk.Kind.GUARANTOR, account.guarantor().id()));
        if (subject.encounter() != null) {
            keys.add(new Crosswalk.Key(Crosswalk.Kind.ENCOUNTER, subject.encounter().id()));
        }
        return keys;
    }

    private static Links links(Account account, Subject subject, Map<Crosswalk.Key, String> found) {
        if (subject.patient() == null) {
            throw new PermanentFailure(account.id(), "Account " + account.id() + " has no patient to name in PID");
        }
        String mrn = found.get(new Crosswalk.Key(Crosswalk.Kind.PATIENT, subject.patient().id()));
        if (mrn == null) {
            throw new NeedsLinkage(subject.patient().id());
        }
        return new Links(mrn, found.get(new Crosswalk.Key(Crosswalk.Kind.ACCOUNT, account.id())),
                found.get(new Crosswalk.Key(Crosswalk.Kind.GUARANTOR, account.guarantor().id())),
                subject.encounter() == null ? null
                        : found.get(new Crosswalk.Key(Crosswalk.Kind.ENCOUNTER, subject.encounter().id())));
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
