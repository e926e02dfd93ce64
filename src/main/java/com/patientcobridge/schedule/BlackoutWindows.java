package com.patientcobridge.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * EHR downtimes: no message is sent between {@code from} and {@code to} on the given days (a
 * window may cross midnight). Work waits in the outbox; nothing is dropped.
 */
public final class BlackoutWindows implements SendWindow {

    /** One window: days of the week (empty: every day), local times, zone, and why. */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone, String reason) {

        boolean covers(Instant now) {
            ZonedDateTime local = now.atZone(zone);
            LocalTime t = local.toLocalTime();
            if (!from.isAfter(to)) {
                return day(local.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(to);
            }
            // Crosses midnight: the evening belongs to today, the early morning to the day before.
            return (day(local.getDayOfWeek()) && !t.isBefore(from))
                    || (day(local.getDayOfWeek().minus(1)) && t.isBefore(to));
        }

        private boolean day(DayOfWeek d) {
            return days.isEmpty() || days.contains(d);
        }
    }

    private final List<Window> windows;

    public BlackoutWindows(List<Window> windows) {
        this.windows = List.copyOf(windows);
    }

    @Override
    public boolean open(Instant now) {
        return windows.stream().noneMatch(w -> w.covers(now));
    }

    /** Parses {@code "SUN 01:00-03:00 America/New_York EHR upgrade"} or {@code "* 23:30-00:30 UTC nightly backup"}. */
    public static Window parse(String text) {
        String[] p = text.strip().split("\\s+", 4);
        Set<DayOfWeek> days = p[0].equals("*") ? Set.of() : Set.copyOf(java.util.Arrays.stream(p[0].split(","))
                .map(d -> java.util.Arrays.stream(DayOfWeek.values()).filter(x -> x.name().startsWith(d.toUpperCase()))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException("Unknown day '" + d + "' in blackout '"
                                + text + "'")))
                .toList());
        String[] times = p[1].split("-");
        return new Window(days, LocalTime.parse(times[0]), LocalTime.parse(times[1]), ZoneId.of(p[2]),
                p.length > 3 ? p[3] : "");
    }
}
