package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The outbound journey tells the whole story (each send attempt with status and back-off), and a dead
 * letter from ION's 400 goes through the one dead-letter path: counted, visible in JMX, API and metrics,
 * and its replay links the original and the new message both ways.
 */
class OutboundJourneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everySendAttemptIsAJourneyStepWithStatusAndBackOff() throws Exception {
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 503, 503);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));

            JsonNode events = journey(t, id).path("events");
            List<String> attempts = events.findValues("detail").stream().map(JsonNode::asText)
                    .filter(d -> d.startsWith("attempt=")).toList();
            assertThat(attempts).hasSize(3);
            assertThat(attempts.get(0)).contains("status=503").contains("backoffMs=");
            assertThat(attempts.get(1)).contains("status=503").contains("backoffMs=");
            assertThat(attempts.get(2)).isEqualTo("attempt=3 status=202");
            // the send that went out is one journey row: SENT carries its attempt and HTTP status
            assertThat(events.findValuesAsText("event")).containsExactly("QUEUED", "ATTEMPT", "RETRY", "ATTEMPT",
                    "RETRY", "SENT");
            assertThat(events.get(events.size() - 1).path("detail").asText()).isEqualTo("attempt=3 status=202");
        }
    }

    @Test
    void ionRejectedMessageIsCountedShownEverywhereAndItsReplayIsLinkedBothWays() throws Exception {
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 400);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String bad = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "DEAD".equals(t.status(bad)));

            assertThat(t.hub.get("/observe/metrics").body())
                    .containsPattern("switchboard_dead_letters_recorded_total\\{[^}]*route=\"ion-outbox-drain\"[^}]*} 1\\.0");
            assertThat((Long) ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("Switchboard:type=DeadLetters"), "DeadCount")).isEqualTo(1L);
            JsonNode list = json(api(t, "GET", "/api/admin/dead-letters?routeId=ion-outbox-drain"));
            assertThat(list.path("total").asInt()).isEqualTo(1);
            long deadLetter = list.path("items").get(0).path("id").asLong();
            assertThat(t.alerts("ion.invalid-message.")).as("the ION-specific alert").isEqualTo(1);
            assertThat(t.alerts("dead-letter.")).as("no second, generic alert").isZero();
            assertThat(journey(t, bad).path("events").findValues("detail").stream().map(JsonNode::asText))
                    .anySatisfy(d -> assertThat(d).startsWith("attempt=1 status=400"));

            JsonNode replay = json(api(t, "POST", "/api/admin/dead-letters/" + deadLetter + "/replay"));
            assertThat(replay.path("result").asText()).isEqualTo("REPLAYED");
            await().atMost(WAIT).until(() -> t.ion.received().size() == 1);
            String fresh = t.ion.received().get(0).messageId();
            assertThat(fresh).isNotEqualTo(bad);
            assertThat(journey(t, bad).path("events").toString()).contains("REPLAYED_AS").contains(fresh);
            assertThat(journey(t, fresh).path("events").toString()).contains("REPLAY_OF").contains(bad);
        }
    }

    private static JsonNode journey(IonTestHub t, String messageId) throws Exception {
        return json(api(t, "GET", "/api/admin/messages/" + messageId + "?direction=OUT")).path("messages").get(0);
    }

    private static HttpResponse<String> api(IonTestHub t, String method, String path) {
        return t.hub.send(HttpRequest.newBuilder(URI.create(t.hub.url(path))).header("X-API-Key", IonTestHub.API_KEY)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
