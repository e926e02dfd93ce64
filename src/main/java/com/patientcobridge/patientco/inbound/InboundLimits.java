package com.patientcobridge.patientco.inbound;

/**
 * How much of an inbound file the bridge reads: a file above {@code maxFileBytes} is not read at
 * all, a line above {@code maxLineChars} is set aside unread, and a file of more than
 * {@code maxLines} lines is refused (split it).
 */
public record InboundLimits(long maxFileBytes, int maxLineChars, int maxLines) {

    public static InboundLimits defaults() {
        return new InboundLimits(5L * 1024 * 1024, 4096, 100_000);
    }
}
