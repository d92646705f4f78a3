package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.newMessageId;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.store.Database;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/** A real database outage (the H2 server stops and starts again): no 2xx without a commit. */
class ImsDatabaseOutageTest {

    @Test
    void messageArrivingWhileTheDatabaseIsDownGets503AndIsStoredOnceWhenIonRetries() throws Exception {
        Path dir = TestHub.tempDir();
        int dbPort = TestHub.freePort();
        Server server = startServer(dbPort, dir);
        try (TestHub hub = TestHub.start(Map.of(
                "hub.db.url", "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/hub;WRITE_DELAY=0",
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD))) {
            String messageId = newMessageId();
            byte[] request = body(parameters("SyncSalesOrder", messageId, "NONE"),
                    fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false);

            server.stop();
            HttpResponse<String> duringOutage = hub.send(post(hub.url("/ims/service/v3/multipartMessage"), request)
                    .build());

            assertThat(duringOutage.statusCode()).isEqualTo(503);
            assertThat(duringOutage.headers().firstValue("Retry-After")).isPresent();
            assertThat(duringOutage.body()).contains("\"error\":\"store_unavailable\"");

            server = startServer(dbPort, dir);
            Database database = hub.bean("database", Database.class);
            // poll slower than Hikari's 500 ms validation bypass, so broken pooled connections get evicted
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(database::ping);
            assertThat(database.count("SELECT COUNT(*) FROM message WHERE message_id = ?", messageId))
                    .as("nothing half-stored").isZero();

            // ION retries the same message once the hub answers again
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> hub.send(
                    post(hub.url("/ims/service/v3/multipartMessage"), request).build()).statusCode() == 202);
            assertThat(database.count("SELECT COUNT(*) FROM message WHERE message_id = ?", messageId)).isEqualTo(1);
        } finally {
            server.stop();
        }
    }

    private static Server startServer(int port, Path dir) throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString(), "-ifNotExists")
                .start();
    }
}
