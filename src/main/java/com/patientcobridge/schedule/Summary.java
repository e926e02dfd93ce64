package com.patientcobridge.schedule;

import java.util.List;

/** The once-mode summary: one line per job with its counts and seconds, and a total. */
public final class Summary {

    private Summary() {
    }

    public static String table(List<JobRun> runs) {
        StringBuilder s = new StringBuilder();
        String format = "%-16s %8s %8s %8s %8s %8s %8s  %s%n";
        s.append(String.format(format, "job", "fetched", "sent", "acked", "staged", "dead", "seconds", "outcome"));
        int[] total = new int[5];
        double seconds = 0;
        for (JobRun r : runs) {
            double secs = r.duration().toMillis() / 1000.0;
            seconds += secs;
            s.append(String.format(format, r.job(), r.fetched(), r.sent(), r.acked(), r.staged(), r.deadLettered(),
                    String.format("%.1f", secs), r.outcome() + (r.error() == null ? "" : ": " + r.error())));
            total[0] += r.fetched();
            total[1] += r.sent();
            total[2] += r.acked();
            total[3] += r.staged();
            total[4] += r.deadLettered();
        }
        s.append(String.format(format, "total", total[0], total[1], total[2], total[3], total[4],
                String.format("%.1f", seconds), ""));
        return s.toString();
    }
}
