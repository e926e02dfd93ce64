package com.patientcobridge.privacy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What no log line may carry, taken out of a line before it is written: HL7 segments, the row
 * values PostgreSQL quotes in its errors, and card or bank numbers. The bridge's own lines carry ids
 * and counts only; this is the net under them and under the libraries' lines.
 */
public final class LogRedaction {

    /**
     * Loggers of libraries that put payloads in their lines (camel-mllp prints frames it did not
     * like, HAPI prints messages, Tomcat prints request lines it could not parse): only their
     * message pattern is written, never its arguments.
     */
    public static final List<String> PAYLOAD_LOGGERS = List.of("org.apache.camel.component.mllp", "ca.uhn.hl7v2",
            "org.apache.coyote", "org.apache.tomcat.util.http");

    private static final String REDACTED = "[redacted]";
    private static final Pattern SEGMENT = Pattern.compile(
            "\\b(MSH|EVN|PID|PD1|NK1|PV1|PV2|GT1|IN1|IN2|FT1|MSA|ERR|MRG|OBR|OBX|ORC|DG1|PR1|FHS|BHS|BTS|FTS|Z[A-Z0-9]{2})"
                    + "\\|[^\\r\\n]*");
    private static final Pattern FAILING_ROW = Pattern.compile("Failing row contains \\(.*?\\)(?=\\.|$|\\s)",
            Pattern.DOTALL);
    private static final Pattern KEY_VALUE = Pattern.compile("Key \\(([^)]*)\\)=\\((.*?)\\)");
    private static final Pattern BATCH_ENTRY = Pattern.compile("Batch entry (\\d+) .*? was aborted", Pattern.DOTALL);
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"\\r\\n]*\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^'\\r\\n]*'");

    private LogRedaction() {
    }

    /** A log message with HL7, database row values and card or bank numbers taken out. */
    public static String message(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = SEGMENT.matcher(text).replaceAll("$1|" + REDACTED);
        s = FAILING_ROW.matcher(s).replaceAll("Failing row contains (" + REDACTED + ")");
        s = KEY_VALUE.matcher(s).replaceAll("Key ($1)=(" + REDACTED + ")");
        s = BATCH_ENTRY.matcher(s).replaceAll("Batch entry $1 " + REDACTED + " was aborted");
        return CardNumbers.mask(s);
    }

    /**
     * An exception's message: as {@link #message}, and quoted text too, where Jackson, HAPI and the
     * JDK put the value they refused ({@code from String "1990-13-45"}).
     */
    public static String exception(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = message(text);
        s = DOUBLE_QUOTED.matcher(s).replaceAll("\"" + REDACTED + "\"");
        return SINGLE_QUOTED.matcher(s).replaceAll("'" + REDACTED + "'");
    }

    /** Whether a logger belongs to a library whose arguments are never written. */
    public static boolean payloadLogger(String loggerName) {
        if (loggerName == null) {
            return false;
        }
        for (String prefix : PAYLOAD_LOGGERS) {
            if (loggerName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
