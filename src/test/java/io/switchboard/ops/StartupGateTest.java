package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /observe/health stays DOWN (503) while a start-up step the hub needs has not finished. */
class StartupGateTest {

    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void startedHubHasFinishedEveryStepAndIsUp() {
        var health = hub.get("/observe/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"startup\"").doesNotContain("waiting for");
    }

    @Test
    void aPendingStepMakesTheHubDownUntilItIsDone() {
        StartupGate gate = hub.bean(StartupGate.BEAN, StartupGate.class);
        gate.await("late-step");
        try {
            var health = hub.get("/observe/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("starting: waiting for late-step");
            assertThat(hub.get("/observe/health/ready").statusCode()).isEqualTo(503);
            assertThat(hub.get("/observe/health/live").statusCode()).as("liveness is not readiness").isEqualTo(200);
        } finally {
            gate.done("late-step");
        }
        assertThat(hub.get("/observe/health").statusCode()).isEqualTo(200);
    }
}
