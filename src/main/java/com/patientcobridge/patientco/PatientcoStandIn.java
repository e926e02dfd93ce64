package com.patientcobridge.patientco;

import com.patientcobridge.patientco.session.MfaCodeSource;

/**
 * A Patientco stand-in running beside the bridge (the in-process sandbox): when no
 * {@code patientco.base-url} is configured, it sets the options that would have named the real
 * one, and says where its SMS and e-mail codes can be read. The component owns this interface; a
 * stand-in implements it, so the product never depends on the stand-in.
 */
public interface PatientcoStandIn {

    /** Sets the base URL, the login and the webhook secret of the stand-in. */
    void configure(PatientcoConfiguration configuration);

    /** Where the stand-in's SMS and e-mail codes arrive. */
    MfaCodeSource mfaCodes();
}
