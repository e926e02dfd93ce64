package com.patientcobridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EHR downtimes: closed inside a window (also across midnight), open outside. */
class BlackoutWindowsTest {

    final BlackoutWindows windows = new BlackoutWindows(List.of(
            BlackoutWindows.parse("SUN 01:00-03:00 America/New_York EHR upgrade"),
            BlackoutWindows.parse("* 23:30-00:30 UTC nightly backup")));

    @Test
    void closedDuringTheSundayUpgradeInNewYorkTime() {
        // Sunday 2026-11-29 02:00 New York = 07:00 UTC.
        assertThat(windows.open(Instant.parse("2026-11-29T07:00:00Z"))).isFalse();
        assertThat(windows.open(Instant.parse("2026-11-29T08:30:00Z"))).isTrue();
        // Monday at the same time is open.
        assertThat(windows.open(Instant.parse("2026-11-30T07:00:00Z"))).isTrue();
    }

    @Test
    void aWindowAcrossMidnightCoversBothSides() {
        assertThat(windows.open(Instant.parse("2026-11-24T23:45:00Z"))).isFalse();
        assertThat(windows.open(Instant.parse("2026-11-25T00:15:00Z"))).isFalse();
        assertThat(windows.open(Instant.parse("2026-11-25T00:45:00Z"))).isTrue();
    }

    @Test
    void aBadWindowNamesItself() {
        assertThatThrownBy(() -> BlackoutWindows.parse("FUNDAY 01:00-02:00 UTC x")).hasMessageContaining("FUNDAY");
    }
}
