package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.Test;

/**
 * /observe/health shows the ION queue depths counted only up to hub.health.queue-depth-limit: the answer costs
 * the same with a million queued rows as with ten. The exact figure stays on JMX.
 */
class IonHealthQueueDepthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthCountsQueuedMessagesOnlyUpToTheLimitWhileJmxKeepsTheExactFigure() throws Exception {
        // versions refused: the session never gets READY, every message stays QUEUED, the hub is DEGRADED
        FakeIon ion = FakeIon.start().always(FakeIon.VERSIONS, 503);
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.health.queue-depth-limit", "5"))) {
            for (int i = 0; i < 3; i++) {
                t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", i));
            }
            JsonNode below = ionPeer(t.hub);
            assertThat(below.path("queueDepths").path("queued").asLong()).as("below the limit: exact").isEqualTo(3);
            assertThat(below.path("queueDepths").path("held").asLong()).isZero();

            for (int i = 3; i < 8; i++) {
                t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", i));
            }
            JsonNode report = JSON.readTree(t.hub.get("/observe/health").body());
            assertThat(report.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(report.path("degradedPeers").get(0).asText()).isEqualTo("ion");
            assertThat(ionPeer(t.hub).path("queueDepths").path("queued").asLong()).as("counted up to the limit")
                    .isEqualTo(5);
            assertThat((Long) t.attribute("QueuedCount")).as("JMX: exact").isEqualTo(8);
        }
    }

    @Test
    void withoutIonCredentialsTheQueuedCountIsBoundedToo() throws Exception {
        try (TestHub hub = TestHub.start(Map.of("hub.health.queue-depth-limit", "2", "hub.api.key",
                IonTestHub.API_KEY))) {
            OutboxStore outbox = hub.bean("ionOutboxStore", OutboxStore.class);
            for (int i = 0; i < 4; i++) {
                outbox.enqueue("SyncSalesOrder", "lid://infor.m3.acme", null, IonTestHub.bod("SalesOrder", i), null,
                        null);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ionPeer(hub).path("queueDepths").has("queued"));
            JsonNode peer = ionPeer(hub);
            assertThat(peer.path("status").asText()).isEqualTo("DISABLED");
            assertThat(peer.path("queueDepths").path("queued").asLong()).isEqualTo(2);
        }
    }

    private static JsonNode ionPeer(TestHub hub) throws Exception {
        for (JsonNode peer : JSON.readTree(hub.get("/observe/health").body()).path("peers")) {
            if (peer.path("name").asText().equals("ion")) {
                return peer;
            }
        }
        throw new AssertionError("no ion peer in /observe/health");
    }
}
