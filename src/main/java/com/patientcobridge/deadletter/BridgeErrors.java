package com.patientcobridge.deadletter;

import com.patientcobridge.failure.PermanentFailure;
import com.patientcobridge.failure.TransientFailure;
import com.patientcobridge.patientco.http.PatientcoHttpException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The {@code bridge-errors} route configuration, declared once, for routes an integration engineer
 * adds that handle one message at a time (the bridge's own flows work a page at a time and write
 * their dead letters in the page's transaction): permanent failures go straight to the dead-letter
 * channel; transient ones are redelivered with exponential backoff first. {@code direct:dead-letter}
 * commits the dead letter in a transaction of its own, and the caller sees the message as done: it
 * is safe in {@code bridge.dead_letter}.
 *
 * <p>Java routes opt in with {@code .routeConfigurationId("bridge-errors")}; a YAML route with
 * {@code routeConfigurationId: bridge-errors} next to its {@code id}:
 * <pre>
 * - route:
 *     id: statement-files
 *     routeConfigurationId: bridge-errors
 *     from: ...
 * </pre>
 */
public class BridgeErrors extends RouteConfigurationBuilder {

    /** Redelivery settings ({@code bridge.deadletter.*}). */
    public record Backoff(int redeliveries, long initialDelayMillis, double multiplier, long maxDelayMillis) {
    }

    /** Exchange property: how many times the failing step was redelivered. */
    public static final String REDELIVERIES = "BridgeRedeliveries";

    private final Backoff backoff;

    public BridgeErrors(Backoff backoff) {
        this.backoff = backoff;
    }

    public BridgeErrors(int redeliveries, long initialDelayMillis, long maxDelayMillis) {
        this(new Backoff(redeliveries, initialDelayMillis, 2, maxDelayMillis));
    }

    @Override
    public void configuration() {
        // One statement per onException: chained after end(), a second onException would nest inside the first.
        var errors = routeConfiguration("bridge-errors");
        errors
                // Data that cannot be right however often it is tried: validation, impossible sequences, AR.
                .onException(PermanentFailure.class, IllegalArgumentException.class,
                        jakarta.validation.ValidationException.class, org.apache.camel.ValidationException.class,
                        org.apache.camel.TypeConversionException.class, org.apache.camel.InvalidPayloadException.class)
                    .handled(true)
                    .maximumRedeliveries(0)
                    .to("direct:dead-letter")
                    .markRollbackOnlyLast();
        errors.onException(PatientcoHttpException.class)
                    .onWhen(BridgeErrors::permanentHttp)
                    .handled(true)
                    .maximumRedeliveries(0)
                    .to("direct:dead-letter")
                    .markRollbackOnlyLast();
        // EHR down, Patientco 5xx/429, timeouts: worth trying again shortly.
        errors.onException(TransientFailure.class, IOException.class, ConnectException.class, TimeoutException.class,
                        PatientcoHttpException.class)
                    .handled(true)
                    .maximumRedeliveries(backoff.redeliveries())
                    .redeliveryDelay(backoff.initialDelayMillis())
                    .useExponentialBackOff()
                    .backOffMultiplier(backoff.multiplier())
                    .maximumRedeliveryDelay(backoff.maxDelayMillis())
                    // Camel drops its redelivery counter before the dead-letter step: keep our own.
                    .onRedelivery(e -> e.setProperty(REDELIVERIES, e.getProperty(REDELIVERIES, 0, Integer.class) + 1))
                    .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                    .logExhaustedMessageHistory(false)
                    .logExhaustedMessageBody(false)
                    .to("direct:dead-letter")
                    .markRollbackOnlyLast();

    }

    /** A 4xx from Patientco other than 429: asking again gets the same answer. */
    static boolean permanentHttp(org.apache.camel.Exchange e) {
        PatientcoHttpException http = e.getException(PatientcoHttpException.class);
        if (http == null) {
            http = e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, PatientcoHttpException.class);
        }
        return http != null && !http.transientFailure();
    }
}
