package com.patientcobridge.hl7.message;

import com.patientcobridge.model.Account;
import java.time.Instant;

/**
 * An account change the EHR hears about by ADT, about one of the account's patients (its PID and
 * PV1; the guarantor in GT1): {@code linked} (first sent, waiting for the patient's MRN if need
 * be), {@code demographics} (the patient's own record changed) or {@code guarantor} (only the
 * guarantor's did). {@code patientId} is null in events stored before each patient had its own,
 * which are about the account's first patient ({@link Subject#of(Account)}).
 */
public record AccountEvent(String change, Account account, Instant occurredAt, String patientId) {

    public AccountEvent(String change, Account account, Instant occurredAt) {
        this(change, account, occurredAt, null);
    }

    /** The patient the message names, and that patient's encounter. */
    public Subject subject() {
        return Subject.of(account, patientId);
    }
}
