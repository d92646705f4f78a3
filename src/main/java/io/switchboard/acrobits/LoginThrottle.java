package io.switchboard.acrobits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding-window failure counter per key ("user:…", "ip:…"): after maxFailures failures within
 * the window the key is refused until the oldest failure ages out. In memory, per hub instance:
 * with N instances behind a balancer an attacker gets up to N × maxFailures tries per window.
 */
public class LoginThrottle {

    private static final int PRUNE_ABOVE_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public boolean isBlocked(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            expire(times);
            return times.size() >= maxFailures;
        }
    }

    public void recordFailure(String key) {
        if (failures.size() > PRUNE_ABOVE_KEYS) {
            prune();
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times);
            times.addLast(clock.instant());
        }
    }

    public void reset(String key) {
        failures.remove(key);
    }

    /** Keys currently holding failures (operators see it as a queue depth). */
    public int trackedKeys() {
        return failures.size();
    }

    private void prune() {
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                expire(e.getValue());
                return e.getValue().isEmpty();
            }
        });
    }

    private void expire(Deque<Instant> times) {
        Instant oldest = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
            times.pollFirst();
        }
    }
}
