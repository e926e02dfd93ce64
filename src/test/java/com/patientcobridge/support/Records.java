package com.patientcobridge.support;

import com.patientcobridge.model.Account;
import com.patientcobridge.model.Address;
import com.patientcobridge.model.Guarantor;
import com.patientcobridge.model.Patient;
import com.patientcobridge.model.Payment;
import com.patientcobridge.model.PaymentMethod;
import com.patientcobridge.model.Receipt;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Bridge records for tests, with the awkward names real data has. */
public final class Records {

    public static final Instant T = Instant.parse("2026-11-10T15:00:00Z");

    private Records() {
    }

    public static Account account(String guarantorId, String patientId) {
        Guarantor g = new Guarantor(guarantorId, null, "Siobhán", null, "O'Brien-Smith Jr.", LocalDate.of(1970, 1, 2), "F",
                new Address("1 Peachtree St NE", null, "Atlanta", "GA", "30303", "US"), "+14045550100", null);
        Patient p = new Patient(patientId, null, "Siobhán", "O'Brien-Smith Jr.", LocalDate.of(1970, 1, 2), "F", "self");
        return new Account("acc_" + guarantorId.substring(4), "fac_atl01", null, "active", g, List.of(p), List.of(), null,
                null, T, T);
    }

    public static Payment payment(String id) {
        return new Payment(id, "acc_1", null, null, new BigDecimal("25.10"), "USD",
                new PaymentMethod("card", "tok_1", "visa", "4242", null), "portal", "settled", null, BigDecimal.ZERO, false,
                T, "stl_atl01_20261110", new Receipt("R1", null), T, T);
    }
}
