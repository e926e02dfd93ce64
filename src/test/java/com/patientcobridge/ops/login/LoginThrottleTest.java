package com.patientcobridge.ops.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guessing is slowed, then locked out, per user and per address; a good login clears both. */
class LoginThrottleTest {

    /** A clock a test moves. */
    static final class Moving extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    Moving clock = new Moving();
    LoginThrottle throttle;

    @BeforeEach
    void database() throws Exception {
        throttle = new LoginThrottle(TestDatabase.create().jdbc, clock, 3, 6, Duration.ofSeconds(5),
                Duration.ofMinutes(15));
    }

    @Test
    void failuresPastTheFreeOnesShutTheDoorLongerEachTimeThenLockItOut() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("olivia", "10.0.0.9");
        }
        assertThat(throttle.closedUntil("olivia", "10.0.0.9")).isNull();
        throttle.failed("olivia", "10.0.0.9");
        assertThat(throttle.closedUntil("olivia", "10.0.0.9")).isEqualTo(clock.now.plusSeconds(5));
        // The same user from elsewhere, and anyone from the same address, wait too.
        assertThat(throttle.closedUntil("olivia", "10.0.0.77")).isNotNull();
        assertThat(throttle.closedUntil("victor", "10.0.0.9")).isNotNull();
        assertThat(throttle.closedUntil("victor", "10.0.0.77")).isNull();
        clock.now = clock.now.plusSeconds(6);
        assertThat(throttle.closedUntil("olivia", "10.0.0.9")).isNull();
        throttle.failed("olivia", "10.0.0.9");
        assertThat(throttle.closedUntil("olivia", "10.0.0.9")).isEqualTo(clock.now.plusSeconds(10));
        throttle.failed("olivia", "10.0.0.9");
        assertThat(throttle.closedUntil("olivia", "10.0.0.9")).isEqualTo(clock.now.plus(Duration.ofMinutes(15)));
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        throttle.succeeded("olivia", "10.0.0.9");
        throttle.failed("olivia", "10.0.0.9");
        assertThat(throttle.closedUntil("olivia", "10.0.0.9")).as("a good login starts the count again").isNull();
    }
}
