package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Room roles, checked on every /api/chat call, with a signed-in user of each role and an outsider. */
class ChatRoomRolesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a-long-password-1";
    private static FakeI2a i2a;
    private static TestHub hub;

    @BeforeAll
    static void start() {
        i2a = FakeI2a.start(ChatHub.SECRET);
        hub = ChatHub.start(i2a, Map.of("hub.acrobits.rate-limit.max-failures", "1000"));
        for (String user : new String[] {"olga", "adam", "mia", "max", "otto"}) {
            ChatHub.addSignInUser(hub, user, PASSWORD);
        }
    }

    @AfterAll
    static void stop() {
        hub.close();
        i2a.close();
    }

    private static HttpResponse<String> as(String user, String method, String path, String json) {
        return ChatHub.asUser(hub, user, PASSWORD, method, path, json);
    }

    /** olga (owner, the creator), adam (admin), mia and max (members). */
    private static JsonNode room(String key) throws Exception {
        var created = as("olga", "POST", "/api/chat/rooms",
                "{\"key\":\"" + key + "\",\"name\":\"Team\",\"members\":[\"mia\",\"max\"],\"admins\":[\"adam\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private static String roleOf(JsonNode room, String user) {
        for (JsonNode m : room.get("members")) {
            if (m.get("user").asText().equals(user)) {
                return m.get("role").asText();
            }
        }
        return null;
    }

    @Test
    void theUserWhoCreatesARoomOwnsItAndRolesAreStored() throws Exception {
        JsonNode created = room("R-1");

        assertThat(roleOf(created, "olga")).isEqualTo("owner");
        assertThat(roleOf(created, "adam")).isEqualTo("admin");
        assertThat(roleOf(created, "mia")).isEqualTo("member");
        assertThat(created.get("name").asText()).isEqualTo("Team");
        assertThat(i2a.room(created.get("identifier").asText()).members()).containsExactlyInAnyOrder("olga", "adam", "mia", "max");
        JsonNode read = JSON.readTree(as("mia", "GET", "/api/chat/rooms/R-1", null).body());
        assertThat(roleOf(read, "adam")).as("read back from the database").isEqualTo("admin");
    }

    @Test
    void membersReadTheirRoomsButCannotManageThem() throws Exception {
        String id = room("R-2").get("identifier").asText();

        assertThat(as("mia", "GET", "/api/chat/rooms/R-2", null).statusCode()).isEqualTo(200);
        assertThat(as("mia", "GET", "/api/chat/users/mia/rooms", null).body()).contains("\"R-2\"");
        for (var call : new String[][] {
                {"POST", "/api/chat/rooms/R-2/members", "{\"members\":[\"otto\"]}"},
                {"POST", "/api/chat/rooms/R-2/members/remove", "{\"members\":[\"max\"]}"},
                {"PUT", "/api/chat/rooms/R-2/name", "{\"name\":\"Mine\"}"},
                {"DELETE", "/api/chat/rooms/R-2", null},
                {"POST", "/api/chat/rooms/R-2/messages", "{\"message\":\"fake system message\"}"}}) {
            var response = as("mia", call[0], call[1], call[2]);
            assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(403);
            assertThat(response.body()).contains("\"error\":\"forbidden\"");
        }
        assertThat(i2a.room(id).members()).containsExactlyInAnyOrder("olga", "adam", "mia", "max");
        assertThat(i2a.room(id).messages()).isEmpty();
    }

    @Test
    void outsidersAreToldTheRoomDoesNotExist() throws Exception {
        room("R-3");
        assertThat(as("otto", "GET", "/api/chat/rooms/R-3", null).statusCode()).isEqualTo(404);
        assertThat(as("otto", "POST", "/api/chat/rooms/R-3/members", "{\"members\":[\"otto\"]}").statusCode()).isEqualTo(404);
        assertThat(as("otto", "POST", "/api/chat/rooms/R-3/leave", "").statusCode()).isEqualTo(404);
        assertThat(as("otto", "GET", "/api/chat/users/mia/rooms", null).statusCode()).as("others' room lists").isEqualTo(403);
    }

    @Test
    void aMemberLeavesAndIsGoneInI2aToo() throws Exception {
        String id = room("R-4").get("identifier").asText();

        var left = as("max", "POST", "/api/chat/rooms/R-4/leave", "");

        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        assertThat(i2a.room(id).members()).doesNotContain("max");
        assertThat(as("max", "GET", "/api/chat/rooms/R-4", null).statusCode()).isEqualTo(404);
    }

    @Test
    void adminsManageMembersAndTheNameButNotOwnersOrRoles() throws Exception {
        String id = room("R-5").get("identifier").asText();

        assertThat(as("adam", "POST", "/api/chat/rooms/R-5/members", "{\"members\":[\"otto\"]}").statusCode()).isEqualTo(200);
        assertThat(i2a.room(id).members()).contains("otto");
        assertThat(as("adam", "POST", "/api/chat/rooms/R-5/members/remove", "{\"members\":[\"max\"]}").statusCode()).isEqualTo(200);
        assertThat(i2a.room(id).members()).doesNotContain("max");
        var renamed = as("adam", "PUT", "/api/chat/rooms/R-5/name", "{\"name\":\"Night shift\"}");
        assertThat(JSON.readTree(renamed.body()).get("name").asText()).isEqualTo("Night shift");

        assertThat(as("adam", "POST", "/api/chat/rooms/R-5/members", "{\"members\":[\"mia\"],\"role\":\"admin\"}")
                .statusCode()).as("only owners grant roles").isEqualTo(403);
        assertThat(as("adam", "POST", "/api/chat/rooms/R-5/members/remove", "{\"members\":[\"olga\"]}").statusCode())
                .as("admins cannot remove owners").isEqualTo(403);
        assertThat(i2a.room(id).members()).contains("olga");
    }

    @Test
    void ownersGrantRolesAndDeleteTheLastOwnerCannotLeaveOthersBehind() throws Exception {
        String id = room("R-6").get("identifier").asText();

        var conflict = as("olga", "POST", "/api/chat/rooms/R-6/leave", "");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("last_owner");

        var granted = as("olga", "POST", "/api/chat/rooms/R-6/members", "{\"members\":[\"adam\"],\"role\":\"owner\"}");
        assertThat(roleOf(JSON.readTree(granted.body()), "adam")).isEqualTo("owner");
        assertThat(as("olga", "POST", "/api/chat/rooms/R-6/leave", "").statusCode()).isEqualTo(200);
        assertThat(as("adam", "DELETE", "/api/chat/rooms/R-6", null).statusCode()).isEqualTo(204);
        assertThat(i2a.room(id)).isNull();
    }

    @Test
    void systemMessagesAndOperatorCallsComeFromTheServiceOnly() throws Exception {
        String id = room("R-7").get("identifier").asText();

        assertThat(as("olga", "POST", "/api/chat/rooms/R-7/messages", "{\"message\":\"hi\"}").statusCode()).isEqualTo(403);
        assertThat(as("olga", "GET", "/api/chat/i2a", null).statusCode()).isEqualTo(403);
        assertThat(as("olga", "POST", "/api/chat/i2a/resume", "").statusCode()).isEqualTo(403);
        assertThat(ChatHub.post(hub, "/api/chat/rooms/R-7/messages", "{\"message\":\"Order shipped\"}").statusCode())
                .isEqualTo(200);
        assertThat(i2a.room(id).messages()).containsExactly("Order shipped");
    }

    @Test
    void theServiceKeyManagesAnyRoomAndMayNameOwners() throws Exception {
        var created = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"R-8\",\"owners\":[\"mia\"],\"members\":[\"max\"]}");
        assertThat(roleOf(JSON.readTree(created.body()), "mia")).isEqualTo("owner");
        assertThat(as("mia", "PUT", "/api/chat/rooms/R-8/name", "{\"name\":\"Mia's\"}").statusCode()).isEqualTo(200);
        assertThat(ChatHub.post(hub, "/api/chat/rooms/R-8/members/remove", "{\"members\":[\"mia\"]}").statusCode())
                .isEqualTo(200);
        assertThat(ChatHub.delete(hub, "/api/chat/rooms/R-8").statusCode()).isEqualTo(204);
    }
}
