package com.patientcobridge.patientco.client;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.patientcobridge.model.Resource;
import com.patientcobridge.system.Json;

/**
 * A raw record as the bridge's own type: checked against the contract ({@link RecordValidator}),
 * then converted by Jackson. A value Jackson cannot take (a birth date that is no date) is reported
 * by its field path only: Jackson's own message quotes the value, which may be PHI.
 */
public final class RecordReader {

    private RecordReader() {
    }

    public static <T> T read(Resource resource, JsonNode raw, Class<T> type) {
        RecordValidator.validate(resource, raw);
        try {
            return Json.MAPPER.convertValue(raw, type);
        } catch (IllegalArgumentException e) {
            String id = raw.path("id").isTextual() ? raw.get("id").asText() : null;
            throw new MalformedRecordException(id, path(e.getCause()), "has a value of the wrong type or format");
        }
    }

    @SuppressWarnings("unchecked")
    public static <T> T read(Resource resource, JsonNode raw) {
        return (T) read(resource, raw, resource.recordType());
    }

    /** {@code patients[0].dateOfBirth}, from Jackson's path of references. */
    static String path(Throwable cause) {
        if (!(cause instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "(record)";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
