package com.patientcobridge.deadletter;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The {@code bridge-errors} route configuration every flow opts into ({@code .routeConfigurationId(
 * "bridge-errors")} in Java, {@code routeConfigurationId: bridge-errors} in YAML): permanent
 * failures go straight to the dead-letter channel; transient ones are redelivered with
 * exponential backoff first.
 */
public class BridgeErrors extends RouteConfigurationBuilder {

    private final int redeliveries;
    private final long initialDelayMillis;
    private final long maxDelayMillis;

    public BridgeErrors(int redeliveries, long initialDelayMillis, long maxDelayMillis) {
        this.redeliveries = redeliveries;
        this.initialDelayMillis = initialDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public void configuration() {
        routeConfiguration("bridge-errors")
                .onException(PermanentFailure.class, IllegalArgumentException.class)
                    .handled(true)
                    .maximumRedeliveries(0)
                    .to("direct:dead-letter")
                .end()
                .onException(TransientFailure.class, IOException.class, TimeoutException.class,
                        com.patientcobridge.patientco.client.PatientcoHttpException.class)
                    .handled(true)
                    .maximumRedeliveries(redeliveries)
                    .redeliveryDelay(initialDelayMillis)
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay(maxDelayMillis)
                    .to("direct:dead-letter")
                .end();
    }
}
