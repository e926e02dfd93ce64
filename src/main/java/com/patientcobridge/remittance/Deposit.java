package com.patientcobridge.remittance;

import com.patientcobridge.model.Settlement;
import com.patientcobridge.model.SettlementItem;
import java.util.List;
import java.util.Map;

/**
 * A deposited settlement batch as the 835 needs it: its items, and for each Patientco account the
 * claim's party (the EHR's account number and the patient's name, from the staged account).
 */
record Deposit(Settlement batch, List<SettlementItem> items, Map<String, Party> parties) {

    /** CLP01 and NM1*QC: the account the EHR posts to, and its patient. */
    record Party(String accountNumber, String lastName, String firstName) {
    }
}
