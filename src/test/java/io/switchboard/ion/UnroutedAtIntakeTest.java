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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.chat.ChatHub;
import io.switchboard.store.Database;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageEvent;
import io.switchboard.store.MessageStore;
import io.switchboard.store.TestDatabases;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing table runs at intake (hub.ims.dispatch.route-at-intake): a message no rule matches is
 * stored UNROUTED in its intake commit — one write, no dispatch status write, no claim — and only its
 * notice (the one alert per document type) is delivered after the commit. A failing notice is a dead
 * letter and a journey step, the message stays UNROUTED; a failing table falls back to the dispatch
 * worker, which redelivers and ends the message DEAD with a replayable dead letter.
 */
class UnroutedAtIntakeTest {

    private static final int MESSAGES = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> props(String dbUrl) {
        Map<String, String> props = ImsMultipart.basicAuthProps();
        props.put("hub.db.url", dbUrl);
        props.put("hub.api.key", ChatHub.API_KEY);
        props.put("hub.redelivery.dispatch.maximum-redeliveries", "1");
        props.put("hub.redelivery.dispatch.initial-delay", "10");
        return props;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.switchboard.store.TestDatabases#both")
    void aBurstOfUnroutedMessagesIsStoredUnroutedInOneWriteEachWithOneFoldedAlert(String kind) throws Exception {
        String url = "postgres".equals(kind) ? TestDatabases.freshPostgresSchema() : TestDatabases.h2Url();
        try (TestHub hub = TestHub.start(props(url))) {
            List<String> ids = ImsMultipart.postSalesOrders(hub, MESSAGES);
            MessageStore store = hub.bean("messageStore", MessageStore.class);
            // final on acknowledgement: nothing was left for a dispatch worker to finish
            assertThat(store.countByStatus(Direction.IN, DispatchStatus.UNROUTED)).isEqualTo(MESSAGES);
            for (String id : ids) {
                var m = store.find(Direction.IN, id).orElseThrow();
                assertThat(m.lastError()).isEqualTo(IntakeRouting.UNROUTED_DETAIL);
                assertThat(store.events(m.id())).extracting(MessageEvent::event)
                        .containsExactly(InboundReceiver.STATUS_RECEIVED, DispatchStatus.UNROUTED);
            }
            Database db = store.database();
            assertThat(db.count("SELECT COUNT(*) FROM message WHERE claimed_by IS NOT NULL OR claimed_until IS NOT NULL"))
                    .as("no lease: nothing to dispatch").isZero();
            assertThat(db.count("SELECT COUNT(*) FROM message_event")).as("no journey rows written").isZero();
            // the notices of the burst fold into the alert of the document type, every message counted once
            await().atMost(Duration.ofSeconds(20)).until(() -> db.count("SELECT COALESCE(SUM(occurrences), 0)"
                    + " FROM alert WHERE dedup_key = ?", "ion.unrouted.SyncSalesOrder") == MESSAGES);
            assertThat(db.count("SELECT COUNT(*) FROM alert WHERE dedup_key = ?", "ion.unrouted.SyncSalesOrder"))
                    .as("alert rows for the burst").isLessThan(MESSAGES / 10);

            String metrics = hub.get("/observe/metrics").body();
            assertThat(counter(metrics, "switchboard_dispatch_status_writes_total"))
                    .as("no dispatch status written (the dispatch worker wrote one per message)").isZero();
            assertThat(counter(metrics, "switchboard_store_writes_total")).as("one write per message")
                    .isEqualTo(1.0 * MESSAGES);

            // ION sends one again: acknowledged as a duplicate, stored once
            HttpResponse<String> again = hub.send(salesOrder(hub, ids.get(0)));
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).contains("duplicate");
            assertThat(store.countByStatus(Direction.IN, DispatchStatus.UNROUTED)).isEqualTo(MESSAGES);
        }
    }

    @Test
    void aFailingNoticeIsADeadLetterAndAJourneyStepWhileTheMessageStaysUnrouted() throws Exception {
        try (TestHub hub = TestHub.start(props(TestDatabases.h2Url()))) {
            AdviceWith.adviceWith(hub.context(), "alert-intake", a -> a.weaveAddFirst().process(e -> {
                throw new IllegalStateException("alert store full");
            }));
            String messageId = newMessageId();
            assertThat(hub.send(salesOrder(hub, messageId)).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> journey(hub, messageId).path("events")
                    .findValuesAsText("event").contains("DELIVERY_DEAD"));
            JsonNode journey = journey(hub, messageId);
            assertThat(journey.path("events").findValuesAsText("event"))
                    .containsExactly("RECEIVED", "UNROUTED", "DEAD_LETTER", "DELIVERY_DEAD");
            assertThat(journey.path("events").toString()).contains("direct:alert failed").contains("alert store full");
            assertThat(journey.path("status").asText()).isEqualTo(DispatchStatus.UNROUTED);
            assertThat(journey.path("deadLetters")).hasSize(1);
        }
    }

    @Test
    void aTableFailingAtIntakeFallsBackToTheDispatchWorkerWhichEndsTheMessageDeadAndReplayable() throws Exception {
        try (TestHub hub = TestHub.start(props(TestDatabases.h2Url()))) {
            AdviceWith.adviceWith(hub.context(), "ion-dispatch", a -> a.weaveAddFirst().process(e -> {
                throw new IllegalStateException("rule broken");
            }));
            String messageId = newMessageId();
            assertThat(hub.send(salesOrder(hub, messageId)).statusCode()).isEqualTo(202);

            MessageStore store = hub.bean("messageStore", MessageStore.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> DispatchStatus.DEAD.equals(
                    store.find(Direction.IN, messageId).orElseThrow().status()));
            JsonNode journey = journey(hub, messageId);
            assertThat(journey.path("events").findValuesAsText("event")).contains("RECEIVED", "DEAD")
                    .doesNotContain("UNROUTED");
            assertThat(journey.path("deadLetters")).hasSize(1);
            assertThat(journey.path("deadLetters").get(0).path("routeId").asText()).isEqualTo("ion-dispatch-message");
        }
    }

    @Test
    void withRoutingAtIntakeOffTheDispatchWorkerEndsTheMessageUnrouted() throws Exception {
        Map<String, String> props = props(TestDatabases.h2Url());
        props.put("hub.ims.dispatch.route-at-intake", "false");
        try (TestHub hub = TestHub.start(props)) {
            String messageId = newMessageId();
            assertThat(hub.send(salesOrder(hub, messageId)).statusCode()).isEqualTo(202);

            MessageStore store = hub.bean("messageStore", MessageStore.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> DispatchStatus.UNROUTED.equals(
                    store.find(Direction.IN, messageId).orElseThrow().status()));
            assertThat(counter(hub.get("/observe/metrics").body(), "switchboard_dispatch_status_writes_total"))
                    .as("the worker wrote the final status").isEqualTo(1.0);
        }
    }

    private static java.net.http.HttpRequest salesOrder(TestHub hub, String messageId) {
        return post(hub.url("/ims/service/v3/multipartMessage"), body(parameters("SyncSalesOrder", messageId, "NONE"),
                fixture("SyncSalesOrder.xml").getBytes(StandardCharsets.UTF_8), false)).build();
    }

    private static JsonNode journey(TestHub hub, String messageId) throws Exception {
        return JSON.readTree(ChatHub.get(hub, "/api/admin/messages/" + messageId).body()).path("messages").get(0);
    }

    private static double counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(metrics);
        assertThat(m.find()).as(name + " in /observe/metrics").isTrue();
        return Double.parseDouble(m.group(2));
    }
}
