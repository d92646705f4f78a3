package io.switchboard.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** What the demo expected to arrive, each waited for with Awaitility; the failures decide the exit code. */
final class DemoChecks {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final List<String> failed = new ArrayList<>();
    private int passed;

    /** Waits until the condition holds; prints "ok" or "MISSING" with what was expected. */
    boolean expect(String what, Callable<Boolean> arrived) {
        try {
            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(arrived);
            passed++;
            return true;
        } catch (ConditionTimeoutException e) {
            failed.add(what);
            System.out.println("     MISSING: " + what);
            return false;
        }
    }

    int passed() {
        return passed;
    }

    List<String> failed() {
        return List.copyOf(failed);
    }
}
