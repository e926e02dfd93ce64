package com.patientcobridge.privacy;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Logback's {@code %ex}: each exception of the chain with its class, its stack and its message
 * redacted ({@link LogRedaction#exception}), since libraries put the values they refused in their
 * messages.
 */
public class RedactingThrowableConverter extends ThrowableHandlingConverter {

    /** Frames written per exception; a cause repeats its caller's frames. */
    private static final int MAX_FRAMES = 40;

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        append(out, thrown, "", 0);
        return out.toString();
    }

    private void append(StringBuilder out, IThrowableProxy t, String prefix, int depth) {
        out.append(prefix).append(t.getClassName());
        String message = LogRedaction.exception(t.getMessage());
        if (message != null) {
            out.append(": ").append(message);
        }
        out.append(CoreConstants.LINE_SEPARATOR);
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        int shown = Math.min(frames.length - t.getCommonFrames(), MAX_FRAMES);
        for (int i = 0; i < shown; i++) {
            out.append("\tat ").append(frames[i].getStackTraceElement()).append(CoreConstants.LINE_SEPARATOR);
        }
        if (frames.length > shown) {
            out.append("\t... ").append(frames.length - shown).append(" more").append(CoreConstants.LINE_SEPARATOR);
        }
        if (depth > 8) {
            return;
        }
        for (IThrowableProxy suppressed : t.getSuppressed() == null ? new IThrowableProxy[0] : t.getSuppressed()) {
            append(out, suppressed, "\tSuppressed: ", depth + 1);
        }
        if (t.getCause() != null) {
            append(out, t.getCause(), "Caused by: ", depth + 1);
        }
    }
}
