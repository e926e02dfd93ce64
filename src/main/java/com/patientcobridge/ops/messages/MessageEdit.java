package com.patientcobridge.ops.messages;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.AbstractSegment;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A dead message's fields changed by a person, through HAPI: each edit sets one field (by the
 * segment's place and the field's number) to an encoded value; the result is encoded and read
 * back under HAPI's default validation before it may replace the message. MSH-1, MSH-2, MSH-9
 * and MSH-10 cannot change: the message stays the same message to the EHR's duplicate check.
 */
public final class MessageEdit {

    private static final Set<Integer> FIXED_MSH = Set.of(1, 2, 9, 10);

    /** One change: the segment's place among the message's segments, the field number, the new value. */
    public record Change(int segment, int field, String value) {
    }

    /** A field whose value changed: where, before, after. */
    public record Changed(String path, String before, String after) {
    }

    /** The edited message and what changed in it. */
    public record Result(String hl7, List<Changed> changed) {
    }

    private final PipeParser lenient = new DefaultHapiContext(ValidationContextFactory.noValidation()).getPipeParser();
    private final PipeParser strict;

    public MessageEdit() {
        HapiContext validating = new DefaultHapiContext(ValidationContextFactory.defaultValidation());
        validating.getParserConfiguration().setValidating(true);
        this.strict = validating.getPipeParser();
    }

    /** The edited message; an IllegalArgumentException names the field when an edit is refused or invalid. */
    public Result apply(String hl7, List<Change> changes) {
        Message message;
        try {
            message = lenient.parse(hl7);
        } catch (HL7Exception e) {
            throw new IllegalArgumentException("the stored message cannot be read: " + e.getMessage());
        }
        List<Segment> segments = MessageView.segmentsOf(message);
        List<Changed> changed = new ArrayList<>();
        for (Change c : changes) {
            if (c.segment() < 0 || c.segment() >= segments.size()) {
                throw new IllegalArgumentException("segment " + c.segment() + " is not in the message (it has "
                        + segments.size() + ")");
            }
            Segment s = segments.get(c.segment());
            String path = s.getName() + "-" + c.field();
            if (c.field() < 1 || c.field() > s.numFields() && !(s instanceof ca.uhn.hl7v2.model.GenericSegment)) {
                throw new IllegalArgumentException(path + " is not a field of " + s.getName());
            }
            if (s.getName().equals("MSH") && FIXED_MSH.contains(c.field())) {
                throw new IllegalArgumentException(path + " cannot be edited: the message must stay the same message");
            }
            try {
                String before = MessageView.value(s, c.field());
                String after = c.value() == null ? "" : c.value();
                if (before.equals(after)) {
                    continue;
                }
                set(s, c.field(), after);
                changed.add(new Changed(path, before, after));
            } catch (HL7Exception e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage());
            }
        }
        String edited;
        try {
            edited = message.encode();
        } catch (HL7Exception e) {
            throw new IllegalArgumentException("the edited message cannot be encoded: " + e.getMessage());
        }
        try {
            strict.parse(edited);
        } catch (HL7Exception e) {
            throw new IllegalArgumentException("the edited message is not valid HL7: " + e.getMessage());
        }
        return new Result(edited, changed);
    }

    private static void set(Segment s, int field, String encoded) throws HL7Exception {
        String[] reps = encoded.split("~", -1);
        int existing = s.getField(field).length;
        for (int r = 0; r < reps.length; r++) {
            s.getField(field, r).parse(reps[r]);
        }
        if (s instanceof AbstractSegment a) {
            for (int r = existing - 1; r >= reps.length; r--) {
                a.removeRepetition(field, r);
            }
        }
    }
}
