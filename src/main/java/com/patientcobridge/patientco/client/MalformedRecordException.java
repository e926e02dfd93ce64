package com.patientcobridge.patientco.client;

import com.patientcobridge.failure.PermanentFailure;

/** A record that breaks the contract; the message names the record and the field, never its values' PHI. */
public class MalformedRecordException extends PermanentFailure {

    private final String field;

    public MalformedRecordException(String recordId, String field, String problem) {
        super(recordId, (recordId == null ? "record without id" : recordId) + ": field '" + field + "' " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
