package com.patientcobridge.hl7.message;

/**
 * The EHR identifiers of a message's account, guarantor, patient and encounter, from the
 * crosswalk; any may be null except the MRN, which a message cannot go without.
 */
public record Links(String mrn, String hospitalAccountNumber, String ehrGuarantorId, String visitNumber) {
}
