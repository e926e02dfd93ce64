package com.patientcobridge.model;

import java.time.LocalDate;

/** The person responsible for an account's bill; {@code ehrGuarantorId} is null until the EHR knows them. */
public record Guarantor(String id, String ehrGuarantorId, String firstName, String middleName, String lastName,
        LocalDate dateOfBirth, String sex, Address address, String phone, String email) {
}
