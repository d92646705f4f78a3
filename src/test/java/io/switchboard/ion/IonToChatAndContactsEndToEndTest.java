package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.newMessageId;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.acrobits.AcrobitsClient;
import io.switchboard.chat.ChatHub;
import io.switchboard.chat.FakeI2a;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole hub as ION and the apps see it: BODs posted to the IMS endpoint over real HTTP end up
 * as an I2A system message in the right room (FakeI2a on loopback) and as Acrobits contacts.
 */
class IonToChatAndContactsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeI2a i2a;
    private static TestHub hub;
    private static AcrobitsClient acrobits;

    @BeforeAll
    static void start() {
        i2a = FakeI2a.start(ChatHub.SECRET);
        Map<String, String> props = new HashMap<>();
        props.put("hub.ims.auth.mode", "basic");
        props.put("hub.ims.auth.user", ImsMultipart.USER);
        props.put("hub.ims.auth.password", ImsMultipart.PASSWORD);
        props.put("hub.ims.tenants", ImsMultipart.TENANT);
        props.put("hub.acrobits.cloud-id", "ACME");
        props.put("hub.acrobits.default-network-id", "north");
        props.put("hub.acrobits.password-iterations", "1000");
        hub = ChatHub.start(i2a, props);
        acrobits = new AcrobitsClient(hub);
        // the viewer of the contacts list, in the network ION-created users join
        assertThat(acrobits.putUser("alice", """
                {"cloudUsername":"alice","networkId":"north","displayName":"Alice Adams","password":"alice-secret-1"}""")
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        hub.close();
        i2a.close();
    }

    @Test
    void escalatedServiceOrderFromIonBecomesASystemMessageInTheOrdersRoom() {
        // john.doe comes from ION master data, foo.bar from the directory admin API
        String contactMessage = newMessageId();
        assertThat(postToIms("SyncContactMaster", contactMessage, "SyncContactMaster.xml").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ROUTED".equals(hub.bean("messageStore", MessageStore.class)
                .find(Direction.IN, contactMessage).orElseThrow().status()));
        assertThat(acrobits.putUser("foo.bar", """
                {"cloudUsername":"foo.bar","networkId":"north","displayName":"Foo Bar"}""").statusCode()).isEqualTo(201);
        String messageId = newMessageId();

        HttpResponse<String> answer = postToIms("SyncServiceOrder", messageId, "SyncServiceOrder-escalated.xml");

        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(i2a.rooms().values())
                .anySatisfy(room -> {
                    assertThat(room.members()).containsExactlyInAnyOrder("john.doe", "foo.bar");
                    assertThat(room.messages())
                            .containsExactly("Service order WO-77 escalated: Technician late more than 2 hours");
                }));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hub.bean("messageStore",
                MessageStore.class).find(Direction.IN, messageId).orElseThrow().status()).isEqualTo("ROUTED"));
    }

    @Test
    void contactMasterFromIonShowsUpInTheAcrobitsContactsOfItsNetwork() throws Exception {
        HttpResponse<String> answer = postToIms("SyncContactMaster", newMessageId(), "SyncContactMaster.xml");

        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode contacts = JSON.readTree(acrobits.getQuery("/acrobits/contacts",
                    AcrobitsClient.params("username", "alice", "password", "alice-secret-1")).body()).path("contacts");
            assertThat(contacts.findValuesAsText("cloudUsername")).contains("john.doe");
        });
        JsonNode contacts = JSON.readTree(acrobits.getQuery("/acrobits/contacts",
                AcrobitsClient.params("username", "alice", "password", "alice-secret-1")).body()).path("contacts");
        JsonNode john = null;
        for (JsonNode contact : contacts) {
            if ("john.doe".equals(contact.path("cloudUsername").asText())) {
                john = contact;
            }
        }
        assertThat(john).isNotNull();
        assertThat(john.path("displayName").asText()).isEqualTo("John Doe");
        assertThat(john.path("networkId").asText()).isEqualTo("north");
        assertThat(john.path("contactEntries").findValuesAsText("uri")).contains("1000");
    }

    @Test
    void contactMasterDeleteFromIonTakesTheUserOutOfEveryChatRoomAndClosesTheirSessions() throws Exception {
        String kate = fixture("SyncContactMaster.xml").replace("john.doe", "kate.ion");
        String added = newMessageId();
        assertThat(postPayload("SyncContactMaster", added, kate).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "ROUTED".equals(hub.bean("messageStore", MessageStore.class)
                .find(Direction.IN, added).orElseThrow().status()));
        ChatHub.putUser(hub, "kate.ion", "{\"cloudUsername\":\"kate.ion\",\"networkId\":\"north\",\"password\":\"kate-secret-1\"}");
        String room = JSON.readTree(ChatHub.post(hub, "/api/chat/rooms",
                "{\"key\":\"ION-DEL-1\",\"members\":[\"alice\",\"kate.ion\"]}").body()).get("identifier").asText();
        assertThat(ChatHub.asUser(hub, "kate.ion", "kate-secret-1", "POST", "/api/chat/sessions", "{\"deviceId\":\"phone\"}")
                .statusCode()).isEqualTo(201);

        var deleted = postPayload("SyncContactMaster", newMessageId(),
                kate.replace("actionCode=\"Replace\"", "actionCode=\"Delete\""));

        assertThat(deleted.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(i2a.room(room).members()).containsExactly("alice");
            assertThat(i2a.sessions()).doesNotContainValue("kate.ion/phone");
        });
    }

    @Test
    void contactMasterThatWouldTakeSomeonesCloudUsernameBecomesADeadLetterNamingTheConflict() {
        assertThat(acrobits.putUser("lars.real", "{\"cloudUsername\":\"lars.ion\",\"networkId\":\"north\"}").statusCode())
                .isEqualTo(201);

        var answer = postPayload("SyncContactMaster", newMessageId(),
                fixture("SyncContactMaster.xml").replace("john.doe", "lars.ion"));

        assertThat(answer.statusCode()).as("stored first, then refused by the directory").isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(acrobits.admin("GET",
                "/api/admin/dead-letters?route=directory-update", null).body())
                .contains("cloudUsername 'lars.ion' of user 'lars.ion' is already used in network 'north' by user 'lars.real'"));
        assertThat(acrobits.admin("GET", "/api/directory/users/lars.ion", null).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> postPayload(String documentName, String messageId, String payload) {
        byte[] multipart = body(parameters(documentName, messageId, "NONE"), payload.getBytes(StandardCharsets.UTF_8), false);
        return hub.send(post(hub.url("/ims/service/v3/multipartMessage"), multipart).build());
    }

    private static HttpResponse<String> postToIms(String documentName, String messageId, String fixture) {
        byte[] multipart = body(parameters(documentName, messageId, "NONE"),
                fixture(fixture).getBytes(StandardCharsets.UTF_8), false);
        return hub.send(post(hub.url("/ims/service/v3/multipartMessage"), multipart).build());
    }
}
