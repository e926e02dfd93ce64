package com.patientcobridge.patientco.client;

import com.patientcobridge.patientco.http.PatientcoHttp;
import com.patientcobridge.patientco.session.MfaCodeSource;
import com.patientcobridge.patientco.session.PatientcoCredentials;
import com.patientcobridge.patientco.session.PatientcoSession;
import com.patientcobridge.patientco.session.TotpSteps;
import java.time.Clock;

/** One Patientco server as the bridge reaches it: its base URL, the shared session and the client. */
public final class PatientcoConnection {

    private final String baseUrl;
    private final PatientcoCredentials credentials;
    private final PatientcoClient client;
    private final TotpSteps totpSteps;
    private final MfaCodeSource codeSource;

    public PatientcoConnection(String baseUrl, PatientcoCredentials credentials, MfaCodeSource codeSource,
            PatientcoHttp http) {
        this(baseUrl, credentials, codeSource, http, TotpSteps.IN_PROCESS);
    }

    /** {@code totpSteps}: where the TOTP steps used are shared (by every node, in the application). */
    public PatientcoConnection(String baseUrl, PatientcoCredentials credentials, MfaCodeSource codeSource,
            PatientcoHttp http, TotpSteps totpSteps) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.totpSteps = totpSteps;
        this.codeSource = codeSource;
        PatientcoSession session = new PatientcoSession(baseUrl, credentials, http, codeSource, Clock.systemUTC(),
                totpSteps);
        this.client = new PatientcoClient(baseUrl, session, http);
    }

    /** The TOTP steps already used, which the portal's login respects too. */
    public TotpSteps totpSteps() {
        return totpSteps;
    }

    /** Where SMS and e-mail codes arrive, for the portal's login as for the API's. */
    public MfaCodeSource mfaCodes() {
        return codeSource;
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
