package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.TestHub;
import io.switchboard.alert.AlertHeaders;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.Database;
import io.switchboard.store.DeadLetterRecord;
import io.switchboard.store.DeadLetterStore;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ChatEventTest {

    private FakeI2a i2a;
    private TestHub hub;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        i2a = FakeI2a.start(ChatHub.SECRET);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (hub != null) {
            hub.close();
        }
        i2a.close();
    }

    private TestHub hub(Map<String, String> extra) {
        hub = ChatHub.start(i2a, extra);
        ChatHub.addDirectoryUsers(hub, "john.doe", "foo.bar", "ann.lee");
        return hub;
    }

    /** What the default routing table sends for fixture SyncServiceOrder-escalated.xml. */
    private void sendEscalation(String members) {
        hub.context().createProducerTemplate().sendBodyAndHeaders(ChatEventHeaders.ENDPOINT,
                "Service order WO-77 escalated: Technician late more than 2 hours",
                Map.of(ChatEventHeaders.ROOM_KEY, "WO-77", ChatEventHeaders.MEMBERS, members));
    }

    private ChatRoom storedRoom(String key) {
        return new ChatRoomStore(hub.bean("database", Database.class)).find(key).orElseThrow();
    }

    private DeadLetterStore deadLetters() {
        return hub.bean("deadLetterStore", DeadLetterStore.class);
    }

    @Test
    void escalatedServiceOrderEventPostsTheSystemMessageInANewRoomWithTheAssignedPeople() throws Exception {
        hub(Map.of());
        captureLogs();
        // derive the event from the BOD as the default routing table does (order id, assigned people, status text)
        Document bod = parse("/chat/SyncServiceOrder-escalated.xml");
        XPath xpath = XPathFactory.newInstance().newXPath();
        String order = xpath.evaluate("//*[local-name()='ServiceOrderHeader']/*[local-name()='DocumentID']/*[local-name()='ID']", bod);
        String reason = xpath.evaluate("//*[local-name()='Status']/*[local-name()='Description']", bod);
        NodeList people = (NodeList) xpath.evaluate("//*[local-name()='AssignedPerson']//*[local-name()='ID']", bod,
                XPathConstants.NODESET);
        String members = IntStream.range(0, people.getLength()).mapToObj(i -> people.item(i).getTextContent())
                .collect(Collectors.joining(","));
        assertThat(order).isEqualTo("WO-77");
        assertThat(members).isEqualTo("john.doe,foo.bar");
        hub.context().createProducerTemplate().sendBodyAndHeaders(ChatEventHeaders.ENDPOINT,
                "Service order " + order + " escalated: " + reason,
                Map.of(ChatEventHeaders.ROOM_KEY, order, ChatEventHeaders.MEMBERS, members));

        ChatRoom room = storedRoom("WO-77");
        assertThat(room.status()).isEqualTo(ChatRoom.ACTIVE);
        assertThat(room.users(ChatRoomStore.MEMBER_ACTIVE)).containsExactly("foo.bar", "john.doe");
        FakeI2a.Room inI2a = i2a.room(room.identifier());
        assertThat(inI2a.type()).isEqualTo("group");
        assertThat(inI2a.members()).containsExactlyInAnyOrder("john.doe", "foo.bar");
        assertThat(inI2a.messages()).containsExactly("Service order WO-77 escalated: Technician late more than 2 hours");
        // both users went in one create request, as repeated form keys
        assertThat(i2a.requests("chat-room/").get(0).form().get("application_users_identifiers"))
                .containsExactlyInAnyOrder("john.doe", "foo.bar");
        // the secret went to I2A as a header only: not in logs, not in endpoint URIs (JMX names)
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).isNotEmpty()
                .noneMatch(line -> line.contains(ChatHub.SECRET));
        assertThat(hub.context().getEndpoints()).noneMatch(e -> e.getEndpointUri().contains(ChatHub.SECRET));
    }

    private static Document parse(String resource) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(true);
        try (InputStream in = ChatEventTest.class.getResourceAsStream(resource)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private ListAppender<ILoggingEvent> captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        return logs;
    }

    @Test
    void laterEventForTheSameKeyReusesTheRoomAddsMissingMembersAndKeepsExtraOnes() {
        hub(Map.of());
        sendEscalation("john.doe");
        sendEscalation("foo.bar,ghost.user");

        assertThat(i2a.rooms()).hasSize(1);
        FakeI2a.Room inI2a = i2a.rooms().values().iterator().next();
        assertThat(inI2a.members()).containsExactlyInAnyOrder("john.doe", "foo.bar");
        assertThat(inI2a.messages()).hasSize(2);
        assertThat(i2a.requests("add-users/")).hasSize(1);
        assertThat(i2a.requests("add-users/").get(0).form().get("application_users_identifiers")).containsExactly("foo.bar");
        assertThat(storedRoom("WO-77").users(ChatRoomStore.MEMBER_ACTIVE)).containsExactly("foo.bar", "john.doe");
    }

    @Test
    void simultaneousEventsForANewKeyCreateOneRoom() {
        hub(Map.of());
        // a slow create keeps the first event inside I2A while the second one arrives
        i2a.slowNext("chat-room/", 2, Duration.ofMillis(400));
        var template = hub.context().createProducerTemplate();
        var first = template.asyncRequestBodyAndHeaders(ChatEventHeaders.ENDPOINT, "first",
                Map.of(ChatEventHeaders.ROOM_KEY, "WO-88", ChatEventHeaders.MEMBERS, "john.doe"));
        var second = template.asyncRequestBodyAndHeaders(ChatEventHeaders.ENDPOINT, "second",
                Map.of(ChatEventHeaders.ROOM_KEY, "WO-88", ChatEventHeaders.MEMBERS, "foo.bar"));
        first.join();
        second.join();

        assertThat(i2a.rooms()).hasSize(1);
        FakeI2a.Room room = i2a.rooms().values().iterator().next();
        assertThat(room.messages()).containsExactlyInAnyOrder("first", "second");
        assertThat(room.members()).containsExactlyInAnyOrder("john.doe", "foo.bar");
    }

    @Test
    void serverErrorsAreRedeliveredUntilI2aAcceptsTheMessage() {
        hub(Map.of());
        i2a.failNext("send-system-message", 2, 503, "{\"detail\":\"maintenance\"}");
        sendEscalation("john.doe");

        await().atMost(Duration.ofSeconds(10)).until(() -> i2a.rooms().values().stream().anyMatch(r -> !r.messages().isEmpty()));
        assertThat(i2a.requests("send-system-message")).hasSize(3);
        assertThat(i2a.rooms()).hasSize(1);
        assertThat(deadLetters().countByStatus(DeadLetterStore.DEAD)).isZero();
    }

    @Test
    void timeoutIsRedeliveredLikeAServerError() {
        hub(Map.of("hub.i2a.response-timeout", "300"));
        i2a.delayNext("chat-room/", 1, Duration.ofSeconds(3));
        sendEscalation("john.doe");

        await().atMost(Duration.ofSeconds(10)).until(() -> i2a.rooms().size() == 1
                && i2a.rooms().values().iterator().next().messages().size() == 1);
        assertThat(storedRoom("WO-77").status()).isEqualTo(ChatRoom.ACTIVE);
        assertThat(deadLetters().countByStatus(DeadLetterStore.DEAD)).isZero();
    }

    @Test
    void lastingOutageLeavesAPendingRoomAndADeadLetterThatALaterEventCompletes() {
        hub(Map.of());
        i2a.failNext("chat-room/", 4, 502, "bad gateway");
        sendEscalation("john.doe,foo.bar");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().countByStatus(DeadLetterStore.DEAD) == 1);
        DeadLetterRecord dead = deadLetters().findByStatus(DeadLetterStore.DEAD, 1).get(0);
        assertThat(dead.routeId()).isEqualTo("chat-event");
        assertThat(dead.attempts()).isEqualTo(4);
        assertThat(dead.body()).isEqualTo("Service order WO-77 escalated: Technician late more than 2 hours");
        assertThat(dead.headers()).contains("WO-77").doesNotContain(ChatHub.SECRET);
        ChatRoom pending = storedRoom("WO-77");
        assertThat(pending.status()).isEqualTo(ChatRoom.PENDING);
        assertThat(pending.identifier()).isNull();
        assertThat(i2a.rooms()).isEmpty();

        sendEscalation("john.doe,foo.bar");

        ChatRoom done = storedRoom("WO-77");
        assertThat(done.status()).isEqualTo(ChatRoom.ACTIVE);
        assertThat(i2a.room(done.identifier()).members()).containsExactlyInAnyOrder("john.doe", "foo.bar");
        assertThat(i2a.room(done.identifier()).messages()).hasSize(1);
    }

    @Test
    void badRequestIsDeadLetteredAtOnceWithI2aErrorBody() {
        hub(Map.of());
        i2a.failNext("send-system-message", 1, 400, "{\"message\":[\"Ensure this field has no more than 1000 characters.\"]}");
        sendEscalation("john.doe");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().countByStatus(DeadLetterStore.DEAD) == 1);
        DeadLetterRecord dead = deadLetters().findByStatus(DeadLetterStore.DEAD, 1).get(0);
        assertThat(dead.reason()).contains("400").contains("no more than 1000 characters");
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(i2a.requests("send-system-message")).hasSize(1);
    }

    @Test
    void refusedSecretAlertsOnceSuspendsCallsAndResumesAfterOperatorAction() {
        hub(Map.of("hub.i2a.app-secret", "wrong-secret"));
        captureLogs();
        NotifyBuilder alerted = new NotifyBuilder(hub.context()).fromRoute("alert-intake")
                .filter(e -> I2aLink.AUTH_DEDUP_KEY.equals(e.getIn().getHeader(AlertHeaders.DEDUP_KEY))
                        && Integer.valueOf(1).equals(e.getIn().getHeader(AlertHeaders.PRIORITY, Integer.class)))
                .whenDone(1).create();

        sendEscalation("john.doe");
        sendEscalation("john.doe");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().countByStatus(DeadLetterStore.DEAD) == 2);
        assertThat(alerted.matches()).isTrue();
        // the second event never reached I2A
        assertThat(i2a.unauthorizedCount()).isEqualTo(1);
        var monitor = hub.bean("peerMonitors", PeerMonitors.class).find("i2a").orElseThrow();
        assertThat(monitor.state()).isEqualTo("AUTH_FAILED");
        assertThat(monitor.healthy()).isFalse();
        var state = ChatHub.get(hub, "/api/chat/i2a");
        assertThat(state.body()).contains("AUTH_FAILED").doesNotContain("wrong-secret");
        deadLetters().findByStatus(DeadLetterStore.DEAD, 5).forEach(d -> {
            assertThat(d.reason()).contains("secret");
            assertThat(d.reason() + d.exceptionSummary() + d.headers()).doesNotContain("wrong-secret");
        });
        var api = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"AUTH-1\"}");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.body()).contains("i2a_auth_failed");

        i2a.acceptSecret("wrong-secret");
        assertThat(ChatHub.post(hub, "/api/chat/i2a/resume", "").body()).contains("READY");
        sendEscalation("john.doe");

        assertThat(i2a.rooms()).hasSize(1);
        assertThat(i2a.rooms().values().iterator().next().messages()).hasSize(1);
        assertThat(monitor.state()).isEqualTo("READY");
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(l -> l.contains("event=i2a-auth-failed"))
                .noneMatch(line -> line.contains("wrong-secret"));
    }

    @Test
    void eventWithoutRoomKeyIsDeadLetteredWithoutCallingI2a() {
        hub(Map.of());
        hub.context().createProducerTemplate().sendBody(ChatEventHeaders.ENDPOINT, "text without a room");

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters().countByStatus(DeadLetterStore.DEAD) == 1);
        assertThat(deadLetters().findByStatus(DeadLetterStore.DEAD, 1).get(0).reason()).contains(ChatEventHeaders.ROOM_KEY);
        assertThat(i2a.requests()).isEmpty();
    }
}
