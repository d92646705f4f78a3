package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deactivating a directory user (admin API or ION) takes them out of chat; reactivating does not put them back. */
class ChatDirectorySyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static FakeI2a i2a;
    private static TestHub hub;

    @BeforeAll
    static void start() {
        i2a = FakeI2a.start(ChatHub.SECRET);
        hub = ChatHub.start(i2a, Map.of());
        ChatHub.addDirectoryUsers(hub, "keeper");
    }

    @AfterAll
    static void stop() {
        hub.close();
        i2a.close();
    }

    /** Two rooms with the user, and an open session on their phone; returns the I2A room identifiers. */
    private static String[] inTwoRoomsWithASession(String user, String password, String keyPrefix) throws Exception {
        String[] ids = new String[2];
        for (int i = 0; i < 2; i++) {
            var room = ChatHub.post(hub, "/api/chat/rooms",
                    "{\"key\":\"" + keyPrefix + i + "\",\"members\":[\"keeper\",\"" + user + "\"]}");
            assertThat(room.statusCode()).as(room.body()).isEqualTo(201);
            ids[i] = JSON.readTree(room.body()).get("identifier").asText();
        }
        var session = ChatHub.asUser(hub, user, password, "POST", "/api/chat/sessions", "{\"deviceId\":\"phone\"}");
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        assertThat(i2a.sessions()).containsValue(user + "/phone");
        return ids;
    }

    @Test
    void deactivatingThroughTheAdminApiRemovesTheUserFromRoomsAndClosesSessions() throws Exception {
        ChatHub.addSignInUser(hub, "dan", "dan-secret-12");
        String[] ids = inTwoRoomsWithASession("dan", "dan-secret-12", "SYNC-A-");

        assertThat(ChatHub.delete(hub, "/api/directory/users/dan").statusCode()).isEqualTo(204);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(i2a.room(ids[0]).members()).containsExactly("keeper");
            assertThat(i2a.room(ids[1]).members()).containsExactly("keeper");
            assertThat(i2a.sessions()).doesNotContainValue("dan/phone");
        });
        assertThat(JSON.readTree(ChatHub.get(hub, "/api/chat/users/dan/rooms").body()).get("rooms")).isEmpty();
        assertThat(ChatHub.asUser(hub, "dan", "dan-secret-12", "POST", "/api/chat/sessions", "{\"deviceId\":\"again\"}")
                .statusCode()).isEqualTo(401);

        ChatHub.putUser(hub, "dan", "{\"displayName\":\"Dan\",\"active\":true}");

        assertThat(JSON.readTree(ChatHub.get(hub, "/api/chat/rooms/SYNC-A-0").body()).get("members").findValuesAsText("user"))
                .as("reactivation does not re-add").containsExactly("keeper");
        assertThat(i2a.room(ids[0]).members()).containsExactly("keeper");
        assertThat(i2a.requests("add-users")).isEmpty();
    }

    @Test
    void aSyncContactMasterDeleteFromIonRemovesTheUserFromChat() throws Exception {
        String bod = fixture("SyncContactMaster.xml");
        hub.context().createProducerTemplate().sendBody("direct:directory-update", bod);
        ChatHub.putUser(hub, "john.doe", "{\"cloudUsername\":\"john.doe\",\"displayName\":\"John Doe\",\"password\":\"john-secret-1\"}");
        String[] ids = inTwoRoomsWithASession("john.doe", "john-secret-1", "SYNC-B-");

        hub.context().createProducerTemplate().sendBody("direct:directory-update",
                bod.replace("actionCode=\"Replace\"", "actionCode=\"Delete\""));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(i2a.room(ids[0]).members()).containsExactly("keeper");
            assertThat(i2a.room(ids[1]).members()).containsExactly("keeper");
            assertThat(i2a.sessions()).doesNotContainValue("john.doe/phone");
        });

        hub.context().createProducerTemplate().sendBody("direct:directory-update", bod);
        assertThat(JSON.readTree(ChatHub.get(hub, "/api/chat/users/john.doe/rooms").body()).get("rooms"))
                .as("an ION Replace reactivates without re-adding").isEmpty();
    }

    @Test
    void i2aTroubleDuringTheRemovalIsRetriedUntilTheUserIsOut() throws Exception {
        ChatHub.addSignInUser(hub, "eve", "eve-secret-12");
        String[] ids = inTwoRoomsWithASession("eve", "eve-secret-12", "SYNC-C-");
        i2a.failNext("remove-users", 2, 503, "{\"detail\":\"busy\"}");
        i2a.failNext("close-session", 1, 500, "{\"detail\":\"oops\"}");

        assertThat(ChatHub.delete(hub, "/api/directory/users/eve").statusCode()).as("the directory does not wait for I2A")
                .isEqualTo(204);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(i2a.room(ids[0]).members()).containsExactly("keeper");
            assertThat(i2a.room(ids[1]).members()).containsExactly("keeper");
            assertThat(i2a.sessions()).doesNotContainValue("eve/phone");
        });
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ChatDirectorySyncTest.class.getResourceAsStream("/acrobits/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
