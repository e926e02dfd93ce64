package com.patientcobridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bank calendar deposits follow: weekends, Federal Reserve holidays, and configured closures. */
class BusinessDaysTest {

    final BusinessDays calendar = new BusinessDays(ZoneId.of("America/New_York"), LocalTime.of(21, 0),
            Set.of(LocalDate.of(2026, 12, 24)));

    @Test
    void thanksgivingAndTheWeekendAreSkipped() {
        // Wednesday 2026-11-25 -> Thanksgiving Thursday is a holiday -> Friday 27th.
        assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 11, 25))).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 11, 27))).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void aSundayHolidayMovesToMondayAndASaturdayOneIsNotObserved() {
        // 2027-07-04 is a Sunday: observed Monday the 5th.
        assertThat(calendar.isHoliday(LocalDate.of(2027, 7, 5))).isTrue();
        // 2026-07-04 is a Saturday: Friday the 3rd stays a business day.
        assertThat(calendar.isBusinessDay(LocalDate.of(2026, 7, 3))).isTrue();
    }

    @Test
    void configuredClosuresAreSkippedToo() {
        assertThat(calendar.nextBusinessDay(LocalDate.of(2026, 12, 23))).isEqualTo(LocalDate.of(2026, 12, 28));
    }
}
