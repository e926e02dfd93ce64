package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.util.Terser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field a posting profile names, as HL7 people write it: {@code FT1-23} (its first component),
 * {@code FT1-30-4} (a component), {@code FT1-30-4-1} (a subcomponent), or a field of the profile's
 * Z-segment ({@code ZPC-2}). Set with HAPI's Terser on the segment it names.
 */
record FieldPath(String segment, int field, int component, int subcomponent) {

    private static final Pattern SPEC = Pattern.compile("([A-Z][A-Z0-9]{2})-(\\d{1,3})(?:-(\\d{1,2}))?(?:-(\\d{1,2}))?");

    /** The path, or null when the text is not one. */
    static FieldPath parse(String text) {
        Matcher m = SPEC.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new FieldPath(m.group(1), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 1 : Integer.parseInt(m.group(3)), m.group(4) == null ? 1 : Integer.parseInt(m.group(4)));
    }

    /** The field's name as a key: FT1-30 for FT1-30-4, to say two paths share a field. */
    String fieldKey() {
        return segment + "-" + field;
    }

    /**
     * Why the path does not exist in {@code sample} (a segment of the structure the profile fills),
     * or null when it does. A Z-segment takes any field; a standard segment's field and component
     * must be in the HL7 2.5.1 definition.
     */
    static String unknown(FieldPath path, Segment sample) {
        if (path.segment().startsWith("Z")) {
            return path.field() >= 1 ? null : "fields count from 1";
        }
        if (path.field() < 1 || path.field() > sample.numFields()) {
            return path.segment() + " has fields 1 to " + sample.numFields();
        }
        try {
            Type type = sample.getField(path.field(), 0);
            int components = type instanceof Composite c ? c.getComponents().length : 1;
            if (path.component() < 1 || path.component() > components) {
                return path.fieldKey() + " (" + type.getName() + ") has components 1 to " + components;
            }
            Type component = type instanceof Composite c ? c.getComponent(path.component() - 1) : type;
            int subs = component instanceof Composite c ? c.getComponents().length : 1;
            if (path.subcomponent() < 1 || path.subcomponent() > subs) {
                return path.fieldKey() + "-" + path.component() + " (" + component.getName() + ") has subcomponents 1 to "
                        + subs;
            }
            return null;
        } catch (HL7Exception e) {
            return e.getMessage();
        }
    }

    void set(Segment segment, String value) throws HL7Exception {
        Terser.set(segment, field, 0, component, subcomponent, value);
    }

    @Override
    public String toString() {
        return segment + "-" + field + (component == 1 && subcomponent == 1 ? ""
                : "-" + component + (subcomponent == 1 ? "" : "-" + subcomponent));
    }
}
