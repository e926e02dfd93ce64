package com.patientcobridge.patientco.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.system.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an inbound payment file within its limits: CSV (RFC 4180 by Commons CSV: quoted fields,
 * quoted commas and line breaks, CRLF, a byte-order mark; a header line names the columns) or JSON
 * (an array of objects, or {@code {"payments": [...]}}, by Jackson). The file must be UTF-8.
 */
final class PaymentFiles {

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(false)
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).get();

    private PaymentFiles() {
    }

    static List<InboundLine> read(String name, byte[] content, InboundLimits limits) {
        String text = utf8(content);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String trimmed = text.strip();
        if (name.toLowerCase(Locale.ROOT).endsWith(".json") || trimmed.startsWith("[") || trimmed.startsWith("{")) {
            return json(trimmed, limits);
        }
        return csv(text, limits);
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableFile("the file is not UTF-8 text");
        }
    }

    private static List<InboundLine> csv(String text, InboundLimits limits) {
        PhysicalLines physical = PhysicalLines.within(text, limits);
        List<InboundLine> lines = new ArrayList<>(physical.tooLong());
        try (CSVParser parser = CSV.parse(new StringReader(physical.text()))) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            if (header.isEmpty()) {
                throw new UnreadableFile("the file has no header line naming its columns");
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                int line = physical.lineAt(record.getCharacterPosition());
                if (record.size() > header.size()) {
                    lines.add(InboundLine.unreadable(line, "has " + record.size() + " fields, the header has "
                            + header.size() + " (a comma outside quotes?)"));
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < record.size(); i++) {
                    fields.put(header.get(i), record.get(i));
                }
                lines.add(new InboundLine(line, fields, null));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Commons CSV names the line and the problem (an unclosed quote, a duplicate column), never a value.
            throw new UnreadableFile("the CSV cannot be read: " + firstLine(e.getMessage()));
        }
        lines.sort(java.util.Comparator.comparingInt(InboundLine::line));
        return lines;
    }

    private static List<InboundLine> json(String text, InboundLimits limits) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new UnreadableFile("the file is not valid JSON" + at);
        }
        JsonNode items = root.isArray() ? root : root.path("payments");
        if (!items.isArray()) {
            throw new UnreadableFile("the JSON is neither an array of payments nor an object with a 'payments' array");
        }
        if (items.size() > limits.maxLines()) {
            throw new UnreadableFile("the file has " + items.size() + " payments, more than the limit of "
                    + limits.maxLines() + ": split it");
        }
        List<InboundLine> lines = new ArrayList<>();
        int n = 0;
        for (JsonNode item : items) {
            n++;
            if (!item.isObject()) {
                lines.add(InboundLine.unreadable(n, "is not a JSON object"));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            flatten("", item, fields);
            lines.add(new InboundLine(n, fields, null));
        }
        return lines;
    }

    /** Every key and scalar of an item, nested ones as {@code parent.child}, so none escapes the card check. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey().toLowerCase(Locale.ROOT);
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(key + ".", v, into);
            } else if (v.isArray()) {
                int i = 0;
                for (JsonNode element : v) {
                    if (element.isObject()) {
                        flatten(key + "[" + i + "].", element, into);
                    } else {
                        into.put(key + "[" + i + "]", element.asText());
                    }
                    i++;
                }
            } else {
                into.put(key, v.isNull() ? null : v.asText());
            }
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
