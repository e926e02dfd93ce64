package com.patientcobridge.patientco.http;

/** An answer from Patientco that is an error after retries: the status and the contract's error code. */
public class PatientcoHttpException extends RuntimeException {

    private final int status;
    private final String code;

    public PatientcoHttpException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 5xx, 429 and I/O: worth trying again later. */
    public boolean transientFailure() {
        return status == 429 || status >= 500 || status == 0;
    }
}
