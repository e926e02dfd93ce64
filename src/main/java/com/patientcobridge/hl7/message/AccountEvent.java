package com.patientcobridge.hl7.message;

import com.patientcobridge.model.Account;
import java.time.Instant;

/**
 * An account change the EHR hears about by ADT: {@code linked} (first sent once its patient has
 * an MRN) or {@code demographics} (the guarantor changed address, phone or e-mail in Patientco).
 */
public record AccountEvent(String change, Account account, Instant occurredAt) {
}
