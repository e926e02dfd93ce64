package com.patientcobridge.hl7.message;

import com.patientcobridge.model.Account;
import com.patientcobridge.model.Encounter;
import com.patientcobridge.model.Patient;
import java.util.List;

/** Whom a message is about: the account's patient it names in PID (the guarantor's own record first) and that patient's encounter. */
public record Subject(Patient patient, Encounter encounter) {

    public static Subject of(Account account) {
        List<Patient> patients = account.patients() == null ? List.of() : account.patients();
        Patient patient = patients.stream().filter(p -> "self".equals(p.relationshipToGuarantor())).findFirst()
                .orElse(patients.isEmpty() ? null : patients.get(0));
        Encounter encounter = patient == null || account.encounters() == null ? null
                : account.encounters().stream().filter(e -> patient.id().equals(e.patientId())).findFirst().orElse(null);
        return new Subject(patient, encounter);
    }

    /** The account's patient {@code patientId} and that patient's encounter; the first patient when it is null or not there. */
    public static Subject of(Account account, String patientId) {
        if (patientId == null || account.patients() == null) {
            return of(account);
        }
        Patient patient = account.patients().stream().filter(p -> patientId.equals(p.id())).findFirst().orElse(null);
        if (patient == null) {
            return of(account);
        }
        Encounter encounter = account.encounters() == null ? null
                : account.encounters().stream().filter(e -> patientId.equals(e.patientId())).findFirst().orElse(null);
        return new Subject(patient, encounter);
    }
}
