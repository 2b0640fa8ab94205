package com.example.app.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {

        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void anEmailIsLockedUntilItsOldestFailureLeavesTheWindow() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(3, clock);
        throttle.failed("Ann@example.com", "203.0.113.1");
        clock.advance(Duration.ofMinutes(5));
        throttle.failed("ann@example.com", "203.0.113.2");
        assertEquals(0, throttle.retryAfterSeconds("ann@example.com", "203.0.113.3"));
        throttle.failed("ann@example.com", "203.0.113.3");
        assertEquals(600, throttle.retryAfterSeconds("ANN@example.com", "198.51.100.9"));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, throttle.retryAfterSeconds("ann@example.com", "198.51.100.9"));
    }

    @Test
    void anAddressGetsTenTimesTheLimitAcrossEmails() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(2, clock);
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i + "@example.com", "203.0.113.1");
        }
        assertEquals(0, throttle.retryAfterSeconds("new@example.com", "203.0.113.1"));
        throttle.failed("user19@example.com", "203.0.113.1");
        assertEquals(900, throttle.retryAfterSeconds("new@example.com", "203.0.113.1"));
        assertEquals(0, throttle.retryAfterSeconds("new@example.com", "203.0.113.2"));
    }

    @Test
    void aSuccessfulLoginClearsTheEmailsFailures() {
        LoginThrottle throttle = new LoginThrottle(2, new ManualClock());
        throttle.failed("ann@example.com", "203.0.113.1");
        throttle.succeeded("Ann@example.com");
        throttle.failed("ann@example.com", "203.0.113.1");
        assertEquals(0, throttle.retryAfterSeconds("ann@example.com", "203.0.113.2"));
    }

    @Test
    void zeroTurnsTheThrottleOff() {
        LoginThrottle throttle = new LoginThrottle(0, new ManualClock());
        for (int i = 0; i < 100; i++) {
            throttle.failed("ann@example.com", "203.0.113.1");
        }
        assertEquals(0, throttle.retryAfterSeconds("ann@example.com", "203.0.113.1"));
    }
}
