package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthAndMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(Map.of("hub.redelivery.default.maximum-redeliveries", "2",
                "hub.redelivery.default.initial-delay", "5", "hub.redelivery.default.maximum-delay", "10"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void unhealthyPeerMakesTheHubDegradedNotDown() throws Exception {
        PeerMonitors peers = hub.bean("peerMonitors", PeerMonitors.class);
        peers.register(new TestPeer("acrobits", true, "READY", true, Instant.now(), null, Map.of()));
        assertThat(JSON.readTree(hub.get("/observe/health").body()).path("status").asText()).isEqualTo("UP");

        peers.register(new TestPeer("ion", true, "AUTH_FAILED", false, null, "ping answered 401", Map.of("queued", 3L)));
        HttpResponse<String> health = hub.get("/observe/health");
        HttpResponse<String> ready = hub.get("/observe/health/ready");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(health.body());
        assertThat(report.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(report.path("degradedPeers")).extracting(JsonNode::asText).containsExactly("ion");
        assertThat(report.path("peers").findValuesAsText("name")).contains("ion", "acrobits");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("DEGRADED");
    }

    @Test
    void disabledPeerDoesNotDegradeTheHub() throws Exception {
        hub.bean("peerMonitors", PeerMonitors.class).register(new TestPeer("pushover", false, "DISABLED", false,
                null, null, Map.of()));

        JsonNode report = JSON.readTree(hub.get("/observe/health").body());

        assertThat(report.path("status").asText()).isEqualTo("UP");
        assertThat(report.path("peers").get(0).path("status").asText()).isEqualTo("DISABLED");
    }

    @Test
    void metricsCountMessagesPerDocumentQueueDepthDeadLettersAndRetries() throws Exception {
        MessageStore messages = hub.bean("messageStore", MessageStore.class);
        messages.insert(MessageRecord.newMessage(Direction.IN, "m1", "Sync.SalesOrder", null, null, null, null, "<a/>",
                "ROUTED"));
        messages.insert(MessageRecord.newMessage(Direction.IN, "m2", "Sync.SalesOrder", null, null, null, null, "<a/>",
                "ROUTED"));
        messages.insert(MessageRecord.newMessage(Direction.OUT, "m3", "Process.Invoice", null, null, null, null, "<a/>",
                "QUEUED"));
        hub.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:metrics-failing").routeId("metrics-failing").throwException(new IllegalStateException("no"));
            }
        });
        hub.bean("peerMonitors", PeerMonitors.class).register(new TestPeer("ion", true, "READY", true, null, null,
                Map.of("held", 2L)));
        hub.context().createProducerTemplate().sendBody("direct:metrics-failing", "x");

        String metrics = hub.get("/observe/metrics").body();

        assertThat(metrics).contains(
                "switchboard_messages{direction=\"IN\",document=\"Sync.SalesOrder\",status=\"ROUTED\"} 2.0",
                "switchboard_messages{direction=\"OUT\",document=\"Process.Invoice\",status=\"QUEUED\"} 1.0",
                "switchboard_queue_depth{direction=\"OUT\",status=\"QUEUED\"} 1.0",
                "switchboard_dead_letters{status=\"DEAD\"} 1.0",
                "switchboard_dead_letters_recorded_total{route=\"metrics-failing\"} 1.0",
                "switchboard_redeliveries_total{route=\"metrics-failing\"} 2.0",
                "switchboard_peer_healthy{peer=\"ion\"} 1.0",
                "switchboard_peer_queue_depth{peer=\"ion\",queue=\"held\"} 2.0");
        assertThat(metrics).containsPattern(
                "switchboard_oldest_message_age_seconds\\{direction=\"OUT\",status=\"QUEUED\"} \\d+\\.\\d+");
        assertThat(metrics).containsPattern("camel_exchanges_total\\{.*routeId=\"metrics-failing\"");
    }

    @Test
    void scrapesReadTheMessageTableAtMostOncePerRefreshIntervalWhileDispatchPendingIsAlwaysCurrent() {
        try (TestHub slow = TestHub.start(Map.of("hub.metrics.store-refresh-ms", "600000"))) {
            MessageStore messages = slow.bean("messageStore", MessageStore.class);
            messages.insert(MessageRecord.newMessage(Direction.OUT, "r1", "Process.Invoice", null, null, null, null,
                    "<a/>", "QUEUED"));
            String first = slow.get("/observe/metrics").body();
            messages.insert(MessageRecord.newMessage(Direction.OUT, "r2", "Process.Invoice", null, null, null, null,
                    "<a/>", "QUEUED"));
            String second = slow.get("/observe/metrics").body();

            String depth = "switchboard_queue_depth{direction=\"OUT\",status=\"QUEUED\"} 1.0";
            assertThat(first).contains(depth);
            // old code counted the whole table again on every scrape (2.0 here)
            assertThat(second).as("not read again within the interval").contains(depth);
            assertThat(second).contains("switchboard_dispatch_pending 0.0");
        }
    }
}
