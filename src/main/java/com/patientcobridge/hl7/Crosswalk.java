package com.patientcobridge.hl7;

import java.util.Optional;

/**
 * The links between Patientco and the EHR (bridge.crosswalk): account to hospital account
 * number, guarantor to EHR guarantor id, patient to MRN, encounter to visit number.
 */
public interface Crosswalk {

    enum Kind { ACCOUNT, GUARANTOR, PATIENT, ENCOUNTER }

    Optional<String> find(Kind kind, String patientcoId);

    /** Sets a link; returns true if it changed. {@code source} is "patientco" or "ehr". */
    boolean link(Kind kind, String patientcoId, String ehrId, String source);
}
