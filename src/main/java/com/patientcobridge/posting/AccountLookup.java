package com.patientcobridge.posting;

import com.patientcobridge.model.Account;
import java.util.Optional;

/** Finds the account a payment belongs to (staging first, then Patientco), for the PID and GT1 of its postings. */
@FunctionalInterface
public interface AccountLookup {

    Optional<Account> find(String accountId);
}
