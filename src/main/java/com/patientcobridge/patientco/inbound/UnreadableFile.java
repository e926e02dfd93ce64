package com.patientcobridge.patientco.inbound;

/** An inbound file that cannot be read as a payment file at all; the message names the file's problem, never its content. */
public class UnreadableFile extends RuntimeException {

    public UnreadableFile(String reason) {
        super(reason);
    }
}
