package com.patientcobridge.posting;

import com.patientcobridge.model.Payment;
import java.util.Optional;

/** Fetches a payment the bridge has not seen yet from Patientco, before a refund or chargeback of it is called unknown. */
@FunctionalInterface
public interface PaymentLookup {

    Optional<Payment> find(String paymentId);
}
