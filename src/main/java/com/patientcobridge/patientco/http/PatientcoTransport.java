package com.patientcobridge.patientco.http;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * The route every Patientco request takes: a throttle that paces requests when the rate-limit
 * window runs low, then camel-http (Apache HttpClient 5: pooled connections, the JVM's or Camel's
 * TLS settings, no redirects, no cookies of its own, no retries of its own). 429 and 5xx answers
 * fail the call so that Camel's redelivery retries it: a 429 after its {@code Retry-After}, a 5xx or
 * an I/O error with exponential backoff and jitter, as {@link RetryPolicy} says.
 */
final class PatientcoTransport extends RouteBuilder {

    /** Exchange property: the request is a download (a longer wait for the answer). */
    static final String DOWNLOAD = "patientcoDownload";
    /** 429 and 5xx are failures that redelivery retries; every other status is an answer for the caller. */
    private static final String ANSWERS = "100-428,430-499";
    private static final long NO_RETRY_AFTER_MILLIS = 1_000;
    private static final long MAX_RETRY_AFTER_MILLIS = 60_000;
    /** Every request names its own URI ({@code CamelHttpUri}); the endpoint's address is never used. */
    private static final String ENDPOINT = "http://patientco";

    private final String id;
    private final RetryPolicy retry;
    private final RateWindow window = new RateWindow();
    private final AtomicLong retries = new AtomicLong();

    PatientcoTransport(String id, RetryPolicy retry) {
        this.id = id;
        this.retry = retry;
    }

    String uri() {
        return "direct:" + id;
    }

    long retries() {
        return retries.get();
    }

    /** Puts a request on an exchange the way camel-http reads it. */
    void prepare(Exchange exchange, PatientcoHttp.Request request) {
        Message in = exchange.getIn();
        URI uri = request.uri();
        in.setHeader(Exchange.HTTP_METHOD, request.method());
        in.setHeader(Exchange.HTTP_URI, uri.getScheme() + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        if (uri.getRawQuery() != null) {
            in.setHeader(Exchange.HTTP_RAW_QUERY, uri.getRawQuery());
        }
        request.headers().forEach(in::setHeader);
        in.setBody(request.body());
        exchange.setProperty(DOWNLOAD, request.download());
    }

    @Override
    public void configure() {
        String client = id + "-client";
        getContext().getRegistry().bind(client, HttpClientConfigurer.class, (HttpClientConfigurer) builder ->
                builder.disableAutomaticRetries().disableCookieManagement().disableRedirectHandling());
        String options = "?throwExceptionOnFailure=true&okStatusCodeRange=" + ANSWERS
                + "&followRedirects=false&connectTimeout=10000&httpClientConfigurer=#" + client;

        onException(HttpOperationFailedException.class).onWhen(e -> status(e) == 429)
                .maximumRedeliveries(retry.maxAttempts() * 3 - 1)
                .onExceptionOccurred(this::waitAsTold).onRedelivery(e -> retries.incrementAndGet())
                .logExhausted(false).logRetryAttempted(false).handled(false);
        onException(HttpOperationFailedException.class, IOException.class)
                .onWhen(e -> !(e.getException() instanceof HttpOperationFailedException) || status(e) >= 500)
                .maximumRedeliveries(retry.maxAttempts() - 1)
                .redeliveryDelay(retry.initialDelay().toMillis()).maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .useExponentialBackOff().useCollisionAvoidance()
                .onExceptionOccurred(this::backOff).onRedelivery(e -> retries.incrementAndGet())
                .logExhausted(false).logRetryAttempted(false).retryAttemptedLogLevel(LoggingLevel.DEBUG).handled(false);

        from(uri()).routeId(id)
                .throttle(method(window, "permitsPerSecond")).totalRequestsMode().timePeriodMillis(1000)
                .choice()
                    .when(exchangeProperty(DOWNLOAD))
                        .to(ENDPOINT + options + "&responseTimeout=60000")
                    .otherwise()
                        .to(ENDPOINT + options + "&responseTimeout=30000")
                .end()
                .process(e -> window.track(e.getMessage().getHeaders()));
    }

    private static int status(Exchange e) {
        return e.getException() instanceof HttpOperationFailedException h ? h.getStatusCode() : 0;
    }

    /** A 429 is retried after the wait its {@code Retry-After} names (at most a minute). */
    private void waitAsTold(Exchange e) {
        HttpOperationFailedException refused = (HttpOperationFailedException) e.getException();
        Map<String, String> headers = refused.getResponseHeaders();
        window.track(headers == null ? Map.of() : Map.copyOf(headers));
        long millis = NO_RETRY_AFTER_MILLIS;
        String after = headers == null ? null : RateWindow.value(headers, "Retry-After");
        if (after != null && after.strip().matches("\\d{1,6}")) {
            millis = Math.min(MAX_RETRY_AFTER_MILLIS, Long.parseLong(after.strip()) * 1000);
        }
        e.getIn().setHeader(Exchange.REDELIVERY_DELAY, millis + 50);
    }

    /** A 5xx or an I/O error waits as the backoff says, whatever an earlier 429 asked. */
    private void backOff(Exchange e) {
        e.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        if (e.getException() instanceof HttpOperationFailedException h && h.getResponseHeaders() != null) {
            window.track(Map.copyOf(h.getResponseHeaders()));
        }
    }
}
