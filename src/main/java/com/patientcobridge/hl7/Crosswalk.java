package com.patientcobridge.hl7;

import java.util.Optional;

/**
 * The links between Patientco and the EHR (bridge.crosswalk): account to hospital account
 * number, guarantor to EHR guarantor id, patient to MRN, encounter to visit number.
 */
public interface Crosswalk {

    enum Kind { ACCOUNT, GUARANTOR, PATIENT, ENCOUNTER }

    Optional<String> find(Kind kind, String patientcoId);

    /** Several links at once (one lookup, not one per kind); a kind absent from the answer has no link. */
    default java.util.Map<Kind, String> find(java.util.Map<Kind, String> patientcoIds) {
        java.util.Map<Kind, String> found = new java.util.EnumMap<>(Kind.class);
        patientcoIds.forEach((kind, id) -> find(kind, id).ifPresent(ehrId -> found.put(kind, ehrId)));
        return found;
    }

    /** A link's key: what kind of id, and the Patientco id. */
    record Key(Kind kind, String patientcoId) {
    }

    /** Many links in one lookup; a key without a link is absent from the answer. */
    default java.util.Map<Key, String> findAll(java.util.Collection<Key> keys) {
        java.util.Map<Key, String> found = new java.util.HashMap<>();
        keys.forEach(k -> find(k.kind(), k.patientcoId()).ifPresent(ehrId -> found.put(k, ehrId)));
        return found;
    }

    /** Sets a link; returns true if it changed. {@code source} is "patientco" or "ehr". */
    boolean link(Kind kind, String patientcoId, String ehrId, String source);
}
