package com.patientcobridge.codes;

/** A code table that is missing, malformed or lacks a key; the message names the file and the key. */
public class CodeTableException extends RuntimeException {

    public CodeTableException(String message) {
        super(message);
    }
}
