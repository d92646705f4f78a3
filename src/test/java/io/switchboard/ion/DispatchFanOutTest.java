package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.newMessageId;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.chat.ChatHub;
import io.switchboard.chat.FakeI2a;
import io.switchboard.store.Database;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageStore;
import org.junit.jupiter.api.Test;

/**
 * A routing rule's targets are independent deliveries: the escalated service order goes to chat and to
 * the on-call alert; a dead chat target never strands the message nor stops the alert, and its own dead
 * letter replays into chat alone.
 */
class DispatchFanOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> imsProps() {
        Map<String, String> props = new HashMap<>();
        props.put("hub.ims.auth.mode", "basic");
        props.put("hub.ims.auth.user", ImsMultipart.USER);
        props.put("hub.ims.auth.password", ImsMultipart.PASSWORD);
        props.put("hub.ims.tenants", ImsMultipart.TENANT);
        props.put("hub.api.key", ChatHub.API_KEY);
        props.put("hub.redelivery.dispatch.maximum-redeliveries", "1");
        props.put("hub.redelivery.dispatch.initial-delay", "10");
        return props;
    }

    @Test
    void withChatDisabledTheEscalationAlertStillGoesOutAndTheMessageIsPartialNotStuck() throws Exception {
        try (TestHub hub = TestHub.start(imsProps())) {
            String messageId = newMessageId();
            assertThat(postEscalated(hub, messageId).statusCode()).isEqualTo(202);

            MessageStore messages = hub.bean("messageStore", MessageStore.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> DispatchStatus.PARTIAL.equals(
                    messages.find(Direction.IN, messageId).orElseThrow().status()));
            var message = messages.find(Direction.IN, messageId).orElseThrow();
            assertThat(message.route()).isEqualTo("escalation-chat,escalation-alert");
            assertThat(message.lastError()).contains("dead: escalation-chat").contains("delivered: escalation-alert");
            Database db = hub.bean("database", Database.class);
            assertThat(db.count("SELECT COUNT(*) FROM alert WHERE dedup_key = ?", "ion.escalated.WO-77"))
                    .as("the rule's second target, the escalation alert").isEqualTo(1);

            JsonNode journey = json(ChatHub.get(hub, "/api/admin/messages/" + messageId)).path("messages").get(0);
            List<String> steps = journey.path("events").findValuesAsText("event");
            assertThat(steps).contains("DELIVERED", "DELIVERY_DEAD", "DEAD_LETTER", "PARTIAL");
            assertThat(journey.path("events").toString()).contains("direct:escalation-chat failed")
                    .contains("chat disabled");
            assertThat(journey.path("deadLetters")).hasSize(1);
            assertThat(journey.path("deadLetters").get(0).path("routeId").asText()).isEqualTo("chat-event");
        }
    }

    @Test
    void aTargetsDeadLetterHoldsWhatChatReceivedAndReplaysIntoChatAloneOnce() throws Exception {
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET); TestHub hub = ChatHub.start(i2a, imsProps())) {
            ChatHub.addDirectoryUsers(hub, "john.doe", "foo.bar");
            i2a.failNext("chat-room", 1, 400, "{\"error\":\"bad request\"}");
            String messageId = newMessageId();
            assertThat(postEscalated(hub, messageId).statusCode()).isEqualTo(202);

            MessageStore messages = hub.bean("messageStore", MessageStore.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> DispatchStatus.PARTIAL.equals(
                    messages.find(Direction.IN, messageId).orElseThrow().status()));
            JsonNode list = json(ChatHub.get(hub, "/api/admin/dead-letters?routeId=chat-event"));
            assertThat(list.path("total").asInt()).isEqualTo(1);
            long id = list.path("items").get(0).path("id").asLong();
            JsonNode dl = json(ChatHub.get(hub, "/api/admin/dead-letters/" + id));
            assertThat(dl.path("body").asText())
                    .isEqualTo("Service order WO-77 escalated: Technician late more than 2 hours");
            assertThat(dl.path("headers").path("ChatRoomKey").asText()).isEqualTo("WO-77");
            assertThat(dl.path("headers").path("ChatMembers").asText()).isEqualTo("john.doe,foo.bar");

            // I2A is fixed (its one fault is used up): the replay posts the system message once
            JsonNode replay = json(ChatHub.post(hub, "/api/admin/dead-letters/" + id + "/replay", ""));
            assertThat(replay.path("result").asText()).as(replay.toString()).isEqualTo("REPLAYED");
            assertThat(i2a.rooms().values()).singleElement().satisfies(room -> assertThat(room.messages())
                    .containsExactly("Service order WO-77 escalated: Technician late more than 2 hours"));
            assertThat(json(ChatHub.get(hub, "/api/admin/dead-letters/" + id)).path("status").asText())
                    .isEqualTo("REPLAYED");
            assertThat(messages.find(Direction.IN, messageId).orElseThrow().status())
                    .as("every failed target is delivered now").isEqualTo(DispatchStatus.ROUTED);
            Database db = hub.bean("database", Database.class);
            assertThat(db.count("SELECT COUNT(*) FROM alert WHERE dedup_key = ?", "ion.escalated.WO-77"))
                    .as("the replay re-entered chat alone, not the whole rule").isEqualTo(1);

            HttpResponse<String> again = ChatHub.post(hub, "/api/admin/dead-letters/" + id + "/replay", "");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(i2a.rooms().values()).singleElement()
                    .satisfies(room -> assertThat(room.messages()).hasSize(1));
        }
    }

    private static HttpResponse<String> postEscalated(TestHub hub, String messageId) {
        byte[] multipart = body(parameters("SyncServiceOrder", messageId, "NONE"),
                fixture("SyncServiceOrder-escalated.xml").getBytes(StandardCharsets.UTF_8), false);
        return hub.send(post(hub.url("/ims/service/v3/multipartMessage"), multipart).build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
