package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.newMessageId;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.switchboard.TestHub;
import io.switchboard.store.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * No thread is parked per request while its group commit is pending: with the commit stalled (a
 * PostgreSQL transaction holds the unique key of the first message), more requests than the HTTP
 * worker pool has threads (20) all reach the writer's queue, the other endpoints keep answering, and
 * every request gets its 202 once the commit goes through — never before.
 */
class ImsNonBlockingHandOffTest {

    private static final int REQUESTS = 40; // twice Vert.x's 20 worker threads

    @Test
    void aStalledCommitParksNoThreadPerRequestAndEveryRequestIsAnsweredAfterTheCommit() throws Exception {
        String url = TestDatabases.freshPostgresSchema();
        try (TestHub hub = TestHub.start(Map.of(
                "hub.db.url", url,
                "hub.ims.auth.mode", "basic",
                "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD,
                "hub.ims.store.commit-timeout-ms", "60000"));
                Connection blocker = DriverManager.getConnection(url)) {
            String first = newMessageId();
            blocker.setAutoCommit(false);
            try (PreparedStatement insert = blocker.prepareStatement("INSERT INTO message (direction, message_id,"
                    + " document_name, status) VALUES ('IN', ?, 'SyncSalesOrder', 'RECEIVED')")) {
                insert.setString(1, first);
                insert.executeUpdate(); // uncommitted: the writer's insert of the same key waits for it
            }
            InboundMessageWriter writer = hub.bean("inboundMessageWriter", InboundMessageWriter.class);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            answers.add(client.sendAsync(request(hub, first), HttpResponse.BodyHandlers.ofString()));
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.queued() == 0 && blockedInsert(url));
            for (int i = 1; i < REQUESTS; i++) {
                answers.add(client.sendAsync(request(hub, newMessageId()), HttpResponse.BodyHandlers.ofString()));
            }

            // old code: each waiting request held one of the 20 workers, so at most 19 ever got queued
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.queued() == REQUESTS - 1);
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            HttpRequest ping = HttpRequest.newBuilder(java.net.URI.create(hub.url("/ims/service/ping")))
                    .header("Authorization", ImsMultipart.basic(ImsMultipart.USER, ImsMultipart.PASSWORD))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            assertThat(client.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as("other endpoints still get a worker thread").isEqualTo(200);

            blocker.rollback(); // the stalled commit goes through
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(202);
            }
        }
    }

    private static HttpRequest request(TestHub hub, String messageId) {
        return post(hub.url("/ims/service/v3/multipartMessage"), body(parameters("SyncSalesOrder", messageId, "NONE"),
                fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false)).build();
    }

    /** True once a session of the hub waits for the blocker's lock (the first batch is stalled). */
    private static boolean blockedInsert(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO message%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
