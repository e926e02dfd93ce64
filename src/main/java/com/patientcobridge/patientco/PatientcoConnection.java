package com.patientcobridge.patientco;

import com.patientcobridge.patientco.client.PatientcoClient;
import com.patientcobridge.patientco.client.PatientcoHttp;
import com.patientcobridge.patientco.client.RetryPolicy;
import com.patientcobridge.patientco.session.MfaCodeSource;
import com.patientcobridge.patientco.session.PatientcoCredentials;
import com.patientcobridge.patientco.session.PatientcoSession;
import java.time.Clock;

/** One Patientco server as the bridge reaches it: its base URL, the shared session and the client. */
public final class PatientcoConnection {

    private final String baseUrl;
    private final PatientcoCredentials credentials;
    private final PatientcoClient client;

    public PatientcoConnection(String baseUrl, PatientcoCredentials credentials, MfaCodeSource codeSource,
            RetryPolicy retry) {
        this(baseUrl, credentials, codeSource, new PatientcoHttp(retry));
    }

    public PatientcoConnection(String baseUrl, PatientcoCredentials credentials, MfaCodeSource codeSource,
            PatientcoHttp http) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        PatientcoSession session = new PatientcoSession(baseUrl, credentials, http, codeSource, Clock.systemUTC());
        this.client = new PatientcoClient(baseUrl, session, http);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The login, for the portal (which takes the same user and MFA). */
    public PatientcoCredentials credentials() {
        return credentials;
    }

    public PatientcoClient client() {
        return client;
    }

    public PatientcoSession session() {
        return client.session();
    }
}
