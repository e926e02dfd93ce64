package com.patientcobridge.patientco.http;

/**
 * Patientco refused the bridge's credentials ({@code invalid_credentials}, {@code locked},
 * {@code invalid_client}): never retried in a loop; the run stops and the health check says why.
 */
public class PatientcoAuthException extends PatientcoHttpException {

    public PatientcoAuthException(int status, String code) {
        super(status, code, "Patientco refused the login: " + code + " (check PATIENTCO_USERNAME/PASSWORD or the OAuth client)");
    }
}
