package com.patientcobridge.ops.messages;

import com.patientcobridge.codes.CodeTableException;
import com.patientcobridge.codes.CodeTables;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fields a viewer sees masked, by segment (code table {@code phi-fields}, {@code mappings/phi-fields.yaml}). */
public final class PhiFields {

    private final Map<String, Set<Integer>> fields;

    private PhiFields(Map<String, Set<Integer>> fields) {
        this.fields = fields;
    }

    public static PhiFields of(CodeTables tables) {
        Object listed = tables.find("phi-fields", "fields").orElse(null);
        if (!(listed instanceof Map<?, ?> bySegment) || bySegment.isEmpty()) {
            throw new CodeTableException(tables.file("phi-fields") + ": no 'fields' listed; without them a viewer "
                    + "would see every name and MRN");
        }
        Map<String, Set<Integer>> masked = new HashMap<>();
        bySegment.forEach((segment, numbers) -> {
            Set<Integer> set = new HashSet<>();
            for (Object n : numbers instanceof List<?> l ? l : List.of(numbers)) {
                if (!(n instanceof Integer i) || i < 1) {
                    throw new CodeTableException(tables.file("phi-fields") + ": fields." + segment
                            + " must list field numbers, found '" + n + "'");
                }
                set.add(i);
            }
            masked.put(String.valueOf(segment), set);
        });
        return new PhiFields(masked);
    }

    public boolean masked(String segment, int field) {
        Set<Integer> f = fields.get(segment);
        return f != null && f.contains(field);
    }
}
