package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

/**
 * The bench at 32 clients (2-5 of 1 000 unrouted messages ended DEAD): the hub stopped with a dispatch
 * backlog, the graceful stop timed out draining the in-memory queue, Camel then rejected the in-flight
 * work and the dispatch dead-letter channel took the rejection for a failed delivery. Now a stop finishes
 * only the messages in hand; the rest stays RECEIVED and is dispatched at the next start.
 */
class DispatchUnderLoadTest {

    private static final int CLIENTS = 32;
    private static final int MESSAGES = 1000;

    @Test
    void unroutedMessagesNeverGoDeadUnderLoadOrWhenTheHubStopsWithABacklog() throws Exception {
        Path dir = TestHub.tempDir();
        String dbUrl = "jdbc:h2:file:" + dir.resolve("hub");
        // one dispatch consumer builds a backlog; a short graceful-stop timeout forces the stop like the bench
        TestHub hub = TestHub.start(Map.of("hub.db.url", dbUrl, "hub.ims.dispatch.concurrent-consumers", "1",
                "camel.main.shutdown-timeout", "1",
                "hub.ims.auth.mode", "basic", "hub.ims.auth.user", ImsMultipart.USER,
                "hub.ims.auth.password", ImsMultipart.PASSWORD, "hub.ims.tenants", ImsMultipart.TENANT));
        byte[] bod = fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < MESSAGES; i = next.getAndIncrement()) {
                        var request = post(hub.url("/ims/service/v3/multipartMessage"),
                                body(parameters("SyncSalesOrder", "load-" + i, "NONE"), bod, false)).build();
                        try {
                            if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 202) {
                                accepted.incrementAndGet();
                            }
                        } catch (java.io.IOException stopped) {
                            return null; // the hub is stopping under load
                        }
                    }
                    return null;
                });
            }
            // stop the hub while the clients are still posting: dispatch is busy
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> accepted.get() >= MESSAGES / 2);
        } finally {
            hub.close(); // graceful stop in the middle of the load
            clients.shutdownNow();
        }

        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> deadReasons = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "switchboard", "")) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT status, last_error FROM message")) {
                while (rs.next()) {
                    byStatus.merge(rs.getString(1), 1, Integer::sum);
                    if ("DEAD".equals(rs.getString(1))) {
                        deadReasons.add(rs.getString(2));
                    }
                }
            }
        }
        System.out.println("event=dispatch-under-load accepted=" + accepted + " byStatus=" + byStatus
                + " deadReasons=" + deadReasons);
        assertThat(accepted.get()).isGreaterThanOrEqualTo(MESSAGES / 2);
        assertThat(byStatus.keySet()).as("statuses after stop, dead reasons %s", deadReasons)
                .isSubsetOf("UNROUTED", "RECEIVED", "DISPATCHING");
    }
}
