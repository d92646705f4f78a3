package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the real jar while ION posts: every message that got a 202 is in the store afterwards, even
 * with a plain H2 URL that says nothing about durability (H2's default WRITE_DELAY of 500 ms lost 84 of
 * 521 acknowledged messages before the hub enforced WRITE_DELAY=0 itself).
 */
class ImsKillIT {

    private static final int MESSAGES = 300;

    @Test
    void everyAcknowledgedMessageSurvivesKillMinus9EvenWithAPlainH2Url() throws Exception {
        Path workDir = TestHub.tempDir();
        String dbUrl = "jdbc:h2:file:" + workDir.resolve("db/hub");
        int port = TestHub.freePort();
        Process hub = start(workDir, dbUrl, port, "first.log");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        java.util.Map<String, Integer> refusals = new ConcurrentHashMap<>();
        // HTTP/1.1 like ION: the JDK client's default h2c upgrade ran 300 streams over one connection and
        // failed most of them client-side ("too many concurrent streams"), sometimes all of the first half
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            awaitUp(http, port);
            String bod = fixture("SyncSalesOrder.xml");
            CountDownLatch halfway = new CountDownLatch(MESSAGES / 2);
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String messageId = "kill-" + i;
                HttpRequest request = post("http://127.0.0.1:" + port + "/ims/service/v3/multipartMessage",
                        body(parameters("SyncSalesOrder", messageId, "NONE"), bod.getBytes(StandardCharsets.UTF_8),
                                false)).timeout(Duration.ofSeconds(20)).build();
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                    if (response != null && response.statusCode() == 202) {
                        acknowledged.add(messageId);
                    } else {
                        refusals.merge(response != null ? "HTTP " + response.statusCode() : String.valueOf(error), 1,
                                Integer::sum);
                    }
                    halfway.countDown();
                    return null;
                }));
            }
            assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            hub.destroyForcibly().waitFor(); // kill -9: no shutdown hook, no flush
        }
        assertThat(acknowledged).as("some messages were acknowledged before the kill; refused: %s", refusals)
                .isNotEmpty();

        Process restarted = start(workDir, dbUrl, TestHub.freePort(), "second.log");
        try {
            Set<String> stored = new HashSet<>();
            // the restarted hub has run the migrations and holds the file; read through a second connection
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
            try (Connection c = DriverManager.getConnection(dbUrl, "switchboard", "");
                    ResultSet rs = c.createStatement().executeQuery("SELECT message_id FROM message")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            System.out.printf("event=kill-test sent=%d acknowledged=%d stored=%d refused=%s%n", MESSAGES,
                    acknowledged.size(), stored.size(), refusals);
            assertThat(stored).containsAll(acknowledged);
        } finally {
            restarted.destroyForcibly().waitFor();
        }
    }

    private static Process start(Path workDir, String dbUrl, int port, String log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("switchboard.jar")))
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(log).toFile());
        pb.environment().put("CAMEL_SERVER_PORT", String.valueOf(port));
        pb.environment().put("HUB_DB_URL", dbUrl);
        pb.environment().put("HUB_IMS_AUTH_USER", ImsMultipart.USER);
        pb.environment().put("HUB_IMS_AUTH_PASSWORD", ImsMultipart.PASSWORD);
        Process process = pb.start();
        if (log.equals("second.log")) {
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
        }
        return process;
    }

    private static void awaitUp(HttpClient http, int port) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build();
        await().atMost(Duration.ofSeconds(180)).ignoreExceptions()
                .until(() -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
