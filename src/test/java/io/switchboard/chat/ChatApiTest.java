package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeI2a i2a;
    private static TestHub hub;

    @BeforeAll
    static void start() {
        i2a = FakeI2a.start(ChatHub.SECRET);
        hub = ChatHub.start(i2a, Map.of("hub.i2a.api-max-body-bytes", "2000"));
        ChatHub.addDirectoryUsers(hub, "john.doe", "foo.bar", "ann.lee", "max.mu");
    }

    @AfterAll
    static void stop() {
        hub.close();
        i2a.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void callsWithoutApiCredentialsAreRefusedWithJson() {
        var response = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/chat/rooms")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"R-1\"}")).build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
        assertThat(i2a.rooms().values()).noneMatch(r -> r.type().equals("R-1"));
    }

    @Test
    void createRoomMakesTheRoomInI2aAndAnswersItFromOurDatabase() throws Exception {
        var response = ChatHub.post(hub, "/api/chat/rooms",
                "{\"key\":\"SO-1\",\"type\":\"support\",\"members\":[\"john.doe\",\"foo.bar\"]}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode room = json(response);
        assertThat(room.get("key").asText()).isEqualTo("SO-1");
        assertThat(room.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(room.get("members").findValuesAsText("user")).containsExactly("foo.bar", "john.doe");
        FakeI2a.Room inI2a = i2a.room(room.get("identifier").asText());
        assertThat(inI2a.type()).isEqualTo("support");
        assertThat(inI2a.members()).containsExactlyInAnyOrder("john.doe", "foo.bar");

        var again = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-1\",\"members\":[\"john.doe\"]}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("room_exists");
    }

    @Test
    void membersMustBeDirectoryUsers() {
        var response = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-2\",\"members\":[\"john.doe\",\"nobody.here\"]}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("unknown_users").contains("nobody.here").doesNotContain("john.doe");
        assertThat(ChatHub.get(hub, "/api/chat/rooms/SO-2").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedRequestsAreAnswered400WithAJsonError() {
        assertThat(ChatHub.post(hub, "/api/chat/rooms", "{not json").body()).contains("invalid_json");
        assertThat(ChatHub.post(hub, "/api/chat/rooms", "{not json").statusCode()).isEqualTo(400);
        var noKey = ChatHub.post(hub, "/api/chat/rooms", "{\"members\":[]}");
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(noKey.body()).contains("missing_field").contains("key");
        var badMembers = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"X\",\"members\":\"john.doe\"}");
        assertThat(badMembers.statusCode()).isEqualTo(400);
        var badKey = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"has space\"}");
        assertThat(badKey.statusCode()).isEqualTo(400);
        var array = ChatHub.post(hub, "/api/chat/rooms", "[1,2]");
        assertThat(array.statusCode()).isEqualTo(400);
    }

    @Test
    void wrongMethodIsAnswered405WithAJsonError() {
        var response = ChatHub.get(hub, "/api/chat/rooms");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("method_not_allowed");
        assertThat(ChatHub.delete(hub, "/api/chat/sessions").statusCode()).isEqualTo(405);
    }

    @Test
    void oversizedRequestIsAnswered413() {
        var response = ChatHub.post(hub, "/api/chat/rooms/SO-1/messages", "{\"message\":\"" + "x".repeat(3000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("payload_too_large");
    }

    @Test
    void addAndRemoveMembersKeepI2aAndOurDatabaseInStep() throws Exception {
        String id = json(ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-3\",\"members\":[\"john.doe\"]}"))
                .get("identifier").asText();

        var added = ChatHub.post(hub, "/api/chat/rooms/SO-3/members", "{\"members\":[\"ann.lee\",\"max.mu\",\"john.doe\"]}");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(added).get("members").findValuesAsText("user")).containsExactly("ann.lee", "john.doe", "max.mu");
        assertThat(i2a.room(id).members()).containsExactlyInAnyOrder("john.doe", "ann.lee", "max.mu");

        var removed = ChatHub.post(hub, "/api/chat/rooms/SO-3/members/remove", "{\"members\":[\"john.doe\"]}");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).get("members").findValuesAsText("user")).containsExactly("ann.lee", "max.mu");
        assertThat(i2a.room(id).members()).containsExactlyInAnyOrder("ann.lee", "max.mu");

        assertThat(ChatHub.post(hub, "/api/chat/rooms/SO-3/members", "{\"members\":[\"nobody.here\"]}").statusCode())
                .isEqualTo(422);
        assertThat(ChatHub.post(hub, "/api/chat/rooms/NOPE/members", "{\"members\":[\"ann.lee\"]}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void roomsOfAUserComeFromOurDatabase() throws Exception {
        ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-4\",\"members\":[\"max.mu\"]}");
        ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-5\",\"members\":[\"max.mu\",\"foo.bar\"]}");
        int i2aCallsBefore = i2a.requests().size();

        var response = ChatHub.get(hub, "/api/chat/users/max.mu/rooms");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("rooms").findValuesAsText("key")).contains("SO-4", "SO-5");
        assertThat(i2a.requests()).hasSize(i2aCallsBefore);
    }

    @Test
    void systemMessageReachesTheRoom() throws Exception {
        String id = json(ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-6\",\"members\":[\"foo.bar\"]}"))
                .get("identifier").asText();

        var response = ChatHub.post(hub, "/api/chat/rooms/SO-6/messages", "{\"message\":\"Technician on site\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(i2a.room(id).messages()).containsExactly("Technician on site");
        assertThat(ChatHub.post(hub, "/api/chat/rooms/SO-6/messages", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void deleteRoomRemovesItInI2aAndFreesTheKey() throws Exception {
        String id = json(ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-7\",\"members\":[\"foo.bar\"]}"))
                .get("identifier").asText();

        assertThat(ChatHub.delete(hub, "/api/chat/rooms/SO-7").statusCode()).isEqualTo(204);

        assertThat(i2a.room(id)).isNull();
        assertThat(ChatHub.get(hub, "/api/chat/rooms/SO-7").statusCode()).isEqualTo(404);
        assertThat(ChatHub.delete(hub, "/api/chat/rooms/SO-7").statusCode()).isEqualTo(404);
    }

    @Test
    void openSessionReturnsTheI2aTokenButNeverTheSecret() throws Exception {
        ChatHub.addSignInUser(hub, "sam.app", "sam-secret-12");
        var response = ChatHub.asUser(hub, "sam.app", "sam-secret-12", "POST", "/api/chat/sessions",
                "{\"deviceId\":\"phone-1\",\"customData\":{\"role\":\"tech\"},\"fcmToken\":\"fcm-1\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        String token = json(response).get("token").asText();
        assertThat(i2a.sessions()).containsEntry(token, "sam.app/phone-1");
        assertThat(response.body()).doesNotContain(ChatHub.SECRET);
        FakeI2a.Request open = i2a.requests("open-session").get(0);
        assertThat(JSON.readTree(open.form().get("custom_data").get(0)))
                .isEqualTo(JSON.readTree("{\"displayName\":\"sam.app\",\"role\":\"tech\"}"));
        assertThat(open.form().get("fcm_token")).containsExactly("fcm-1");

        var closed = ChatHub.asUser(hub, "sam.app", "sam-secret-12", "POST", "/api/chat/sessions/close", "{\"deviceId\":\"phone-1\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(i2a.sessions()).doesNotContainKey(token);

        assertThat(ChatHub.asUser(hub, "sam.app", "sam-secret-12", "POST", "/api/chat/sessions", "{}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void i2aDownAnswers503WithRetryAfterAndTheRetryCompletesThePendingRoom() throws Exception {
        i2a.failNext("chat-room/", 1, 500, "{\"detail\":\"oops\"}");

        var down = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-8\",\"members\":[\"john.doe\"]}");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).contains("30");
        assertThat(down.body()).contains("i2a_unavailable").doesNotContain(ChatHub.SECRET);
        assertThat(json(ChatHub.get(hub, "/api/chat/rooms/SO-8")).get("status").asText()).isEqualTo("PENDING");

        var retry = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-8\",\"members\":[\"john.doe\"]}");

        assertThat(retry.statusCode()).isEqualTo(201);
        JsonNode room = json(retry);
        assertThat(room.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(i2a.room(room.get("identifier").asText()).members()).containsExactly("john.doe");
    }

    @Test
    void failedMemberAdditionStaysPendingAndTheNextCallCompletesIt() throws Exception {
        String id = json(ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-9\",\"members\":[\"john.doe\"]}"))
                .get("identifier").asText();
        i2a.failNext("add-users/", 1, 503, "busy");

        var failed = ChatHub.post(hub, "/api/chat/rooms/SO-9/members", "{\"members\":[\"ann.lee\"]}");
        assertThat(failed.statusCode()).as(failed.body() + i2a.requests("add-users")).isEqualTo(503);
        assertThat(ChatHub.get(hub, "/api/chat/rooms/SO-9").body()).contains("PENDING_ADD");

        ChatHub.post(hub, "/api/chat/rooms/SO-9/messages", "{\"message\":\"hello\"}");

        assertThat(i2a.room(id).members()).containsExactlyInAnyOrder("john.doe", "ann.lee");
        assertThat(ChatHub.get(hub, "/api/chat/rooms/SO-9").body()).doesNotContain("PENDING");
    }

    @Test
    void i2aRefusingARequestIsAnswered422WithItsReason() {
        ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"SO-10\",\"members\":[\"john.doe\"]}");
        i2a.failNext("send-system-message", 1, 400, "{\"message\":[\"too long for I2A\"]}");

        var response = ChatHub.post(hub, "/api/chat/rooms/SO-10/messages", "{\"message\":\"hello\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("i2a_rejected").contains("too long for I2A");
    }
}
