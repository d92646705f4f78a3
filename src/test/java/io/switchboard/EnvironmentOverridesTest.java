package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

    @Test
    void variableNameIsUpperCaseWithUnderscores() {
        assertThat(EnvironmentOverrides.variableName("hub.db.url")).isEqualTo("HUB_DB_URL");
        assertThat(EnvironmentOverrides.variableName("hub.i2a.app-secret")).isEqualTo("HUB_I2A_APP_SECRET");
        assertThat(EnvironmentOverrides.variableName("camel.server.port")).isEqualTo("CAMEL_SERVER_PORT");
    }

    @Test
    void everyDocumentedKeyCanBeOverriddenFromTheEnvironment() {
        Map<String, String> env = Map.of("HUB_DB_URL", "jdbc:postgresql://db/switchboard",
                "CAMEL_SERVER_PORT", "9999", "UNRELATED", "x");

        Map<String, String> overrides = EnvironmentOverrides.fromEnvironment(env);

        assertThat(overrides).containsEntry("hub.db.url", "jdbc:postgresql://db/switchboard")
                .containsEntry("camel.server.port", "9999")
                .hasSize(2);
    }

    @Test
    void environmentOverrideReachesTheRunningHub() {
        // the override path used for env vars, exercised end to end: the hub really listens there
        int port = TestHub.freePort();
        try (TestHub hub = TestHub.start(Map.of("camel.server.port", String.valueOf(port)))) {
            assertThat(hub.url("/")).contains(":" + port + "/");
            assertThat(hub.get("/observe/health").statusCode()).isEqualTo(200);
        }
    }
}
