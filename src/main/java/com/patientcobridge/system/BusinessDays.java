package com.patientcobridge.system;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The bank's calendar: weekends and the Federal Reserve's holidays (a Sunday holiday moves to
 * Monday; a Saturday one is not observed), and the daily cutoff at which batches close.
 */
public final class BusinessDays {

    private final ZoneId zone;
    private final LocalTime cutoff;
    private final java.util.Set<LocalDate> extraHolidays;

    public BusinessDays(ZoneId zone, LocalTime cutoff) {
        this(zone, cutoff, java.util.Set.of());
    }

    /** With the bank's own closures besides the Federal Reserve holidays (a storm day, a state holiday). */
    public BusinessDays(ZoneId zone, LocalTime cutoff, java.util.Set<LocalDate> extraHolidays) {
        this.zone = zone;
        this.cutoff = cutoff;
        this.extraHolidays = java.util.Set.copyOf(extraHolidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalTime cutoff() {
        return cutoff;
    }

    public boolean isBusinessDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !isHoliday(day);
    }

    public LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The day {@code n} business days after {@code day}. */
    public LocalDate plusBusinessDays(LocalDate day, int n) {
        LocalDate d = day;
        for (int i = 0; i < n; i++) {
            d = nextBusinessDay(d);
        }
        return d;
    }

    public boolean isHoliday(LocalDate day) {
        int y = day.getYear();
        return extraHolidays.contains(day) || day.equals(observed(LocalDate.of(y, 1, 1)))
                || day.equals(nth(y, 1, DayOfWeek.MONDAY, 3))
                || day.equals(nth(y, 2, DayOfWeek.MONDAY, 3))
                || day.equals(LocalDate.of(y, 5, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)))
                || day.equals(observed(MonthDay.of(6, 19).atYear(y)))
                || day.equals(observed(MonthDay.of(7, 4).atYear(y)))
                || day.equals(nth(y, 9, DayOfWeek.MONDAY, 1))
                || day.equals(nth(y, 10, DayOfWeek.MONDAY, 2))
                || day.equals(observed(MonthDay.of(11, 11).atYear(y)))
                || day.equals(nth(y, 11, DayOfWeek.THURSDAY, 4))
                || day.equals(observed(MonthDay.of(12, 25).atYear(y)));
    }

    private static LocalDate nth(int year, int month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    private static LocalDate observed(LocalDate holiday) {
        return holiday.getDayOfWeek() == DayOfWeek.SUNDAY ? holiday.plusDays(1) : holiday;
    }
}
