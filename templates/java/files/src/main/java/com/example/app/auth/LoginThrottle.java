package com.example.app.auth;

import com.example.app.config.AppProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed logins per email (LOGIN_MAX_FAILURES within 15 minutes) and per client address (ten times as many, so
 * one user cannot lock out an office behind one NAT). Over either limit every login for that key is refused,
 * even with the right password, until the oldest counted failure is 15 minutes old. In memory, per application
 * instance: behind several replicas each counts alone (put a shared limit in the load balancer if that matters).
 */
@Component
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private final int emailLimit;
    private final int addressLimit;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    @Autowired
    public LoginThrottle(AppProperties properties) {
        this(properties.loginMaxFailures(), Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Clock clock) {
        this.emailLimit = maxFailures;
        this.addressLimit = maxFailures * 10;
        this.clock = clock;
    }

    /** Whole seconds until a login for this email from this address is allowed again; 0 when it is now. */
    public long retryAfterSeconds(String email, String address) {
        if (emailLimit == 0) {
            return 0;
        }
        return Math.max(wait(emailKey(email), emailLimit), wait(addressKey(address), addressLimit));
    }

    public void failed(String email, String address) {
        if (emailLimit == 0) {
            return;
        }
        if (failures.size() >= MAX_KEYS) {
            long now = clock.millis();
            failures.values().removeIf(times -> expired(times, now));
        }
        record(emailKey(email));
        record(addressKey(address));
    }

    public void succeeded(String email) {
        failures.remove(emailKey(email));
    }

    private long wait(String key, int limit) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        synchronized (times) {
            drop(times, now);
            if (times.size() < limit) {
                return 0;
            }
            long millis = times.peekFirst() + WINDOW.toMillis() - now;
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    private void record(String key) {
        long now = clock.millis();
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            drop(times, now);
            times.addLast(now);
        }
    }

    private static void drop(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
            times.removeFirst();
        }
    }

    private static boolean expired(Deque<Long> times, long now) {
        synchronized (times) {
            drop(times, now);
            return times.isEmpty();
        }
    }

    private static String emailKey(String email) {
        return "email:" + email.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
