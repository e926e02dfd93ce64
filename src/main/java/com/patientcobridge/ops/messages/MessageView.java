package com.patientcobridge.ops.messages;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.ReadOnlyMessageIterator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A stored message as a person reads it: its segments in order, each field with its number, its
 * name from HAPI's structures ({@code PID-5 Patient Name}) and its value; for a viewer, the fields
 * of {@link PhiFields} masked.
 */
public final class MessageView {

    /** What a masked field shows instead of its value. */
    public static final String MASK = "\u2022\u2022\u2022\u2022";

    /** One field: where, what HL7 calls it, its value (repetitions joined by the repetition separator). */
    public record Field(String path, int number, String name, String value, boolean masked) {
    }

    /** One segment, by its place among the message's segments. */
    public record SegmentView(int index, String name, List<Field> fields) {
    }

    private final PipeParser reader;
    private final PhiFields phi;

    public MessageView(PhiFields phi) {
        HapiContext lenient = new DefaultHapiContext(ValidationContextFactory.noValidation());
        this.reader = lenient.getPipeParser();
        this.phi = phi;
    }

    /** The message's segments; {@code mask} hides the PHI fields. */
    public List<SegmentView> segments(String hl7, boolean mask) throws HL7Exception {
        return segments(reader.parse(hl7), mask, phi);
    }

    static List<SegmentView> segments(Message message, boolean mask, PhiFields phi) throws HL7Exception {
        List<SegmentView> list = new ArrayList<>();
        int index = 0;
        for (Segment s : segmentsOf(message)) {
            String name = s.getName();
            String[] names = s.getNames();
            List<Field> fields = new ArrayList<>();
            for (int n = 1; n <= s.numFields(); n++) {
                String value = value(s, n);
                if (value.isEmpty()) {
                    continue;
                }
                boolean hide = mask && phi.masked(name, n);
                fields.add(new Field(name + "-" + n, n, n <= names.length ? names[n - 1] : "", hide ? MASK : value,
                        hide));
            }
            list.add(new SegmentView(index++, name, fields));
        }
        return list;
    }

    /** The message's populated segments in order: the places an edit names. */
    static List<Segment> segmentsOf(Message message) {
        List<Segment> list = new ArrayList<>();
        Iterator<Structure> it = ReadOnlyMessageIterator.createPopulatedSegmentIterator(message);
        while (it.hasNext()) {
            list.add((Segment) it.next());
        }
        return list;
    }

    /**
     * A field's encoded value: its repetitions, joined by the message's repetition separator; MSH-1
     * and MSH-2 as they are, since they are the separators themselves.
     */
    static String value(Segment s, int field) throws HL7Exception {
        if (s.getName().equals("MSH") && field <= 2) {
            Type t = s.getField(field, 0);
            return t instanceof ca.uhn.hl7v2.model.Primitive p && p.getValue() != null ? p.getValue() : "";
        }
        Type[] reps = s.getField(field);
        StringBuilder b = new StringBuilder();
        char separator = s.getMessage().getEncodingCharactersValue() == null ? '~'
                : s.getMessage().getEncodingCharactersValue().charAt(1);
        for (int r = 0; r < reps.length; r++) {
            String v = reps[r].encode();
            if (r > 0) {
                b.append(separator);
            }
            b.append(v);
        }
        return b.toString().replaceAll(separator == '~' ? "~+$" : "\\Q" + separator + "\\E+$", "");
    }
}
