package com.patientcobridge.patientco.inbound;

import java.util.Map;

/**
 * One line of a CSV file or one item of a JSON file, as read: its fields by column name (every
 * column, the unknown ones too, for the card check), or why it could not be read.
 *
 * @param line       the 1-based line of the CSV file where the record starts, or the item's position in JSON
 * @param fields     column (lower case) to value, in file order; empty when unreadable
 * @param unreadable why the line was not read (too long, more fields than the header), or null
 */
public record InboundLine(int line, Map<String, String> fields, String unreadable) {

    static InboundLine unreadable(int line, String why) {
        return new InboundLine(line, Map.of(), why);
    }

    /** The first non-blank value among these column names, stripped; null if none. */
    String first(String... names) {
        for (String name : names) {
            String v = fields.get(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
