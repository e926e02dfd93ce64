package com.patientcobridge.privacy;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg}, redacted ({@link LogRedaction}); for the libraries that log payloads, the
 * message pattern without its arguments.
 */
public class RedactingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        if (LogRedaction.payloadLogger(event.getLoggerName()) && event.getArgumentArray() != null
                && event.getArgumentArray().length > 0) {
            return LogRedaction.message(event.getMessage().replace("{}", "[…]"));
        }
        return LogRedaction.message(event.getFormattedMessage());
    }
}
