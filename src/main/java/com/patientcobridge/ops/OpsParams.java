package com.patientcobridge.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The console's query parameters as the API reads them: blank is absent, a day is a UTC day. */
final class OpsParams {

    private OpsParams() {
    }

    /** A day (YYYY-MM-DD, UTC) or an instant; {@code plusDays} 1 makes a day's end exclusive. */
    static Instant day(String s, int plusDays) {
        if (blank(s) == null) {
            return null;
        }
        return s.length() == 10 ? LocalDate.parse(s).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC)
                : Instant.parse(s);
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
