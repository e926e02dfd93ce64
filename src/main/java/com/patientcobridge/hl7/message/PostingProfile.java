package com.patientcobridge.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import com.patientcobridge.codes.CodeTableException;
import com.patientcobridge.codes.CodeTables;
import com.patientcobridge.model.FinancialEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an EHR's interface team negotiates about postings, read from the profile's
 * {@code posting.yaml}: the reversal style, which fields carry Patientco's ids, the identifier type
 * codes, an optional Z-segment, the field lengths, and the table of FT1-7 codes. The signs and
 * FT1-6 types are the profile's {@code amount-signs} and {@code transaction-types}; its ADT events
 * are {@code adt-events}. Every field and table named is checked at start-up.
 */
final class PostingProfile {

    /** How a reversal reads: the payment's transaction type with the opposite sign, or a type of its own. */
    enum ReversalStyle { SAME_TYPE, REVERSAL_TYPE }

    /** The Patientco values a profile can place in a field. */
    enum Source {
        /** The posting's own Patientco id: pay_ for a payment or void, ref_ for a refund, cbk_ for a chargeback; a deposit item's sti_. */
        TRANSACTION_ID("transactionId"),
        PAYMENT_ID("paymentId"),
        BATCH_ID("batchId"),
        RECEIPT("receipt"),
        /** card or ach. */
        METHOD("method");

        final String key;

        Source(String key) {
            this.key = key;
        }

        static Source named(String key) {
            for (Source s : values()) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** A field that carries one Patientco value, with the constants its other components get when it is set. */
    record IdField(FieldPath path, Source source, Map<FieldPath, String> with) {
    }

    /** Identifier type codes (HL7 table 0203) and the names the messages carry. */
    record Identifiers(String mrnType, String patientcoType, String patientcoAuthority, String ehrGuarantorType,
            String patientcoGuarantorType, String depositAccountType, String depositName) {
    }

    private final ReversalStyle style;
    private final FieldPath originalField;
    private final List<IdField> ids;
    private final Map<String, Integer> lengths;
    private final String zSegment;
    private final Identifiers identifiers;
    private final String transactionCodes;

    private PostingProfile(ReversalStyle style, FieldPath originalField, List<IdField> ids, Map<String, Integer> lengths,
            String zSegment, Identifiers identifiers, String transactionCodes) {
        this.style = style;
        this.originalField = originalField;
        this.ids = ids;
        this.lengths = lengths;
        this.zSegment = zSegment;
        this.identifiers = identifiers;
        this.transactionCodes = transactionCodes;
    }

    /** The profile in {@code t}'s {@code posting} table; {@code ft1} is an empty FT1 to check field paths against. */
    static PostingProfile read(CodeTables t, Segment ft1) {
        if (!t.has("posting")) {
            throw new CodeTableException("posting.yaml: missing from the posting profile (bridge.posting.profile)");
        }
        String file = String.valueOf(t.file("posting"));
        String z = t.find("posting", "zSegment").map(String::valueOf).orElse(null);
        if (z != null && !z.matches("Z[A-Z0-9]{2}")) {
            throw new CodeTableException(file + ": key 'zSegment': '" + z + "' is not a Z-segment name (Z and two letters or digits)");
        }
        String styleText = t.text("posting", "reversal.style");
        ReversalStyle style = switch (styleText) {
            case "same-type" -> ReversalStyle.SAME_TYPE;
            case "reversal-type" -> ReversalStyle.REVERSAL_TYPE;
            default -> throw new CodeTableException(file + ": key 'reversal.style' must be same-type or reversal-type, not '"
                    + styleText + "'");
        };
        List<IdField> ids = new ArrayList<>();
        for (Map.Entry<String, Object> e : t.map("posting", "ids").entrySet()) {
            FieldPath path = path(file, "ids." + e.getKey(), e.getKey(), z, ft1);
            String sourceName;
            Map<FieldPath, String> with = new LinkedHashMap<>();
            if (e.getValue() instanceof Map<?, ?> m) {
                sourceName = String.valueOf(m.get("value"));
                if (m.get("with") instanceof Map<?, ?> w) {
                    for (Map.Entry<?, ?> c : w.entrySet()) {
                        String key = "ids." + e.getKey() + ".with." + c.getKey();
                        FieldPath constant = path(file, key, String.valueOf(c.getKey()), z, ft1);
                        if (!constant.fieldKey().equals(path.fieldKey())) {
                            throw new CodeTableException(file + ": key '" + key + "': a constant goes in another component "
                                    + "of " + path.fieldKey() + ", not in " + constant.fieldKey());
                        }
                        with.put(constant, String.valueOf(c.getValue()));
                    }
                } else if (m.containsKey("with")) {
                    throw new CodeTableException(file + ": key 'ids." + e.getKey() + ".with' must be a map of fields");
                }
            } else {
                sourceName = String.valueOf(e.getValue());
            }
            Source source = Source.named(sourceName);
            if (source == null) {
                throw new CodeTableException(file + ": key 'ids." + e.getKey() + "': unknown value '" + sourceName
                        + "' (one of transactionId, paymentId, batchId, receipt, method)");
            }
            ids.add(new IdField(path, source, with));
        }
        FieldPath original = null;
        if (t.find("posting", "reversal.originalField").isPresent()) {
            original = path(file, "reversal.originalField", t.text("posting", "reversal.originalField"), z, ft1);
            if (ids.stream().noneMatch(i -> i.path().toString().equals("FT1-2"))) {
                throw new CodeTableException(file + ": key 'reversal.originalField' carries the original's FT1-2, "
                        + "but ids has no FT1-2");
            }
        }
        Map<String, Integer> lengths = new HashMap<>();
        if (t.find("posting", "lengths").isPresent()) {
            for (Map.Entry<String, Object> e : t.map("posting", "lengths").entrySet()) {
                FieldPath path = path(file, "lengths." + e.getKey(), e.getKey(), z, ft1);
                try {
                    int n = Integer.parseInt(String.valueOf(e.getValue()));
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    lengths.put(path.toString(), n);
                } catch (NumberFormatException x) {
                    throw new CodeTableException(file + ": key 'lengths." + e.getKey() + "' must be a positive number");
                }
            }
        }
        Identifiers identifiers = new Identifiers(t.text("posting", "identifiers.mrn"),
                t.text("posting", "identifiers.patientco"), t.text("posting", "identifiers.patientcoAuthority"),
                t.text("posting", "identifiers.ehrGuarantor"), t.text("posting", "identifiers.patientcoGuarantor"),
                t.text("posting", "identifiers.depositAccount"), t.text("posting", "identifiers.depositName"));
        String codes = t.text("posting", "transactionCodes");
        if (!t.has(codes)) {
            throw new CodeTableException(file + ": key 'transactionCodes': no table '" + codes + "' (no " + codes
                    + ".yaml in mappings/ or the profile)");
        }
        checkTypes(t, style);
        return new PostingProfile(style, original, List.copyOf(ids), Map.copyOf(lengths), z, identifiers, codes);
    }

    private static FieldPath path(String file, String key, String text, String z, Segment ft1) {
        FieldPath path = FieldPath.parse(text);
        if (path == null) {
            throw new CodeTableException(file + ": key '" + key + "': '" + text + "' is not a field (write FT1-23, FT1-30-4)");
        }
        if (!path.segment().equals("FT1") && !path.segment().equals(z)) {
            throw new CodeTableException(file + ": key '" + key + "': unknown field " + path + " (a profile fills FT1"
                    + (z == null ? "; name a zSegment to use Z fields" : " and " + z) + ")");
        }
        String why = FieldPath.unknown(path, ft1);
        if (why != null) {
            throw new CodeTableException(file + ": key '" + key + "': unknown field " + path + ": " + why);
        }
        return path;
    }

    /** Same-type reversals share the payment's FT1-6; reversal-type ones have their own. */
    private static void checkTypes(CodeTables t, ReversalStyle style) {
        String payment = t.text("transaction-types", FinancialEvent.Kind.PAYMENT.name());
        for (FinancialEvent.Kind kind : new FinancialEvent.Kind[] {FinancialEvent.Kind.VOID_REVERSAL,
                FinancialEvent.Kind.REFUND_REVERSAL, FinancialEvent.Kind.CHARGEBACK_REVERSAL}) {
            String type = t.text("transaction-types", kind.name());
            if (style == ReversalStyle.SAME_TYPE && !type.equals(payment)) {
                throw new CodeTableException(t.file("transaction-types") + ": key '" + kind + "' is " + type
                        + ", but reversal.style same-type posts reversals as PAYMENT's " + payment);
            }
            if (style == ReversalStyle.REVERSAL_TYPE && type.equals(payment)) {
                throw new CodeTableException(t.file("transaction-types") + ": key '" + kind + "' is PAYMENT's " + payment
                        + ", but reversal.style reversal-type needs a type of its own");
            }
        }
    }

    ReversalStyle style() {
        return style;
    }

    Identifiers identifiers() {
        return identifiers;
    }

    String transactionCodes() {
        return transactionCodes;
    }

    String zSegment() {
        return zSegment;
    }

    /** {@code text} cut to the field's length, if the profile gives one. */
    String cut(String field, String text) {
        Integer max = lengths.get(field);
        return text == null || max == null || text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * Places the posting's ids in {@code ft1} and the Z-segment {@code z} (null without one). An id
     * longer than its field is left out, never cut: a cut id would name another transaction.
     * {@code original} is the value the reversed payment's own posting carried in FT1-2, or null.
     */
    void placeIds(Segment ft1, Segment z, Function<Source, String> values, String original) throws HL7Exception {
        for (IdField id : ids) {
            String value = values.apply(id.source());
            if (value != null && (original == null || originalField == null || !id.path().equals(originalField))) {
                place(ft1, z, id, value);
            }
        }
        if (original != null && originalField != null && fits(originalField, original)) {
            originalField.set(segment(ft1, z, originalField), original);
        }
    }

    /** The value a payment's own posting carries in FT1-2, from that payment's values, or null. */
    String originalOf(Function<Source, String> paymentValues) {
        if (originalField == null) {
            return null;
        }
        for (IdField id : ids) {
            if (id.path().toString().equals("FT1-2")) {
                String value = paymentValues.apply(id.source());
                return value != null && fits(id.path(), value) ? value : null;
            }
        }
        return null;
    }

    private void place(Segment ft1, Segment z, IdField id, String value) throws HL7Exception {
        if (!fits(id.path(), value)) {
            return;
        }
        Segment target = segment(ft1, z, id.path());
        id.path().set(target, value);
        for (Map.Entry<FieldPath, String> c : id.with().entrySet()) {
            c.getKey().set(target, c.getValue());
        }
    }

    private boolean fits(FieldPath path, String value) {
        Integer max = lengths.get(path.toString());
        return max == null || value.length() <= max;
    }

    private static Segment segment(Segment ft1, Segment z, FieldPath path) {
        return path.segment().equals("FT1") ? ft1 : z;
    }
}
