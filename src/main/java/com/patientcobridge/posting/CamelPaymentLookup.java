package com.patientcobridge.posting;

import com.patientcobridge.failure.TransientFailure;
import com.patientcobridge.model.Payment;
import com.patientcobridge.patientco.PatientcoProducer;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import java.util.Optional;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

/** A payment read once from Patientco through the {@code patientco:payments} producer (single GET). */
class CamelPaymentLookup implements PaymentLookup {

    private final ProducerTemplate camel;

    CamelPaymentLookup(ProducerTemplate camel) {
        this.camel = camel;
    }

    @Override
    public Optional<Payment> find(String paymentId) {
        try {
            return Optional.ofNullable(camel.requestBodyAndHeader("patientco:payments?operation=get", null,
                    PatientcoProducer.ID, paymentId, Payment.class));
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof PatientcoHttpException http) {
                if (http.status() == 404) {
                    return Optional.empty();
                }
                if (http.transientFailure()) {
                    throw new TransientFailure("payment " + paymentId + " cannot be read now: HTTP " + http.status(), http);
                }
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
