package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import io.switchboard.TestHub;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/** The migration runs beside route loading, but a store it cannot migrate still stops the hub from starting. */
class StoreMigrationStartTest {

    @Test
    void aStoreThatCannotBeMigratedFailsTheStartAndNothingListens() throws Exception {
        String url = "jdbc:h2:file:" + TestHub.tempDir().resolve("foreign") + ";WRITE_DELAY=0";
        // a table of someone else's and no Flyway history: Flyway refuses to migrate a non-empty schema
        try (Connection c = DriverManager.getConnection(url, "switchboard", "")) {
            c.createStatement().execute("CREATE TABLE message (x INT)");
        }
        int port = TestHub.freePort();

        assertThatThrownBy(() -> TestHub.start(Map.of("hub.db.url", url, "camel.server.port", String.valueOf(port))))
                .hasRootCauseInstanceOf(FlywayException.class);
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aFreshStoreIsMigratedBeforeTheHubAnswersHealthy() throws Exception {
        TestHub hub = TestHub.start();
        try {
            assertThat(hub.get("/observe/health").statusCode()).isEqualTo(200);
            assertThat(hub.bean("database", Database.class).ping()).isTrue();
            assertThat(hub.get("/observe/health").body()).contains("store-database");
        } finally {
            hub.close();
        }
    }
}
