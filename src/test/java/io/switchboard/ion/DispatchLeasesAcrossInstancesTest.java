package io.switchboard.ion;

import static io.switchboard.ion.ImsMultipart.body;
import static io.switchboard.ion.ImsMultipart.fixture;
import static io.switchboard.ion.ImsMultipart.newMessageId;
import static io.switchboard.ion.ImsMultipart.parameters;
import static io.switchboard.ion.ImsMultipart.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.chat.ChatHub;
import io.switchboard.chat.FakeI2a;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageEvent;
import io.switchboard.store.MessageStore;
import io.switchboard.store.TestDatabases;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Two hub instances on one PostgreSQL: a dispatch claim is a lease of the instance running it. A peer
 * starting meanwhile never takes that message (it was delivered twice before); a graceful stop releases
 * the claim and the peer dispatches it at its next recovery, long before recover-after or the lease.
 */
class DispatchLeasesAcrossInstancesTest {

    private static final String ESCALATION = "Service order WO-77 escalated: Technician late more than 2 hours";

    @Test
    void anInstanceStartingWhileItsPeerDispatchesNeverTakesThePeersMessage() {
        Map<String, String> props = props(TestDatabases.freshPostgresSchema());
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET); TestHub first = ChatHub.start(i2a, props)) {
            ChatHub.addDirectoryUsers(first, "john.doe", "foo.bar");
            i2a.slowNext("", 1, Duration.ofSeconds(6)); // the first instance's delivery is in flight meanwhile
            String messageId = postEscalation(first);
            await().atMost(Duration.ofSeconds(20)).until(() -> !i2a.requests().isEmpty());

            try (TestHub second = ChatHub.start(i2a, props)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> recoveries(second) >= 1);
                MessageStore store = first.bean("messageStore", MessageStore.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> DispatchStatus.ROUTED.equals(
                        store.find(Direction.IN, messageId).orElseThrow().status()));
                // no second delivery follows (before, the starting peer delivered it again)
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> posted(i2a) <= 1);
                assertThat(posted(i2a)).as("chat messages for one escalation").isEqualTo(1);
                long id = store.find(Direction.IN, messageId).orElseThrow().id();
                assertThat(store.events(id)).extracting(MessageEvent::event).doesNotContain(DispatchStatus.INTERRUPTED);
            }
        }
    }

    @Test
    void aGracefulStopReleasesItsClaimAndThePeerDispatchesTheMessageAtOnce() {
        Map<String, String> props = props(TestDatabases.freshPostgresSchema());
        props.put("camel.main.shutdown-timeout", "1"); // the stop cuts the slow delivery short
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET)) {
            TestHub first = ChatHub.start(i2a, props);
            try (TestHub second = ChatHub.start(i2a, props)) {
                ChatHub.addDirectoryUsers(first, "john.doe", "foo.bar");
                i2a.slowNext("", 1, Duration.ofSeconds(8));
                String messageId;
                try {
                    messageId = postEscalation(first);
                    await().atMost(Duration.ofSeconds(20)).until(() -> !i2a.requests().isEmpty());
                } finally {
                    first.close();
                }

                // recover-after is 120 s and the lease 60 s: only a released claim is taken this soon
                MessageStore store = second.bean("messageStore", MessageStore.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> DispatchStatus.ROUTED.equals(
                        store.find(Direction.IN, messageId).orElseThrow().status()));
                long id = store.find(Direction.IN, messageId).orElseThrow().id();
                assertThat(store.events(id)).extracting(MessageEvent::event).contains(DispatchStatus.INTERRUPTED);
                assertThat(i2a.rooms().values()).anySatisfy(room -> assertThat(room.messages()).contains(ESCALATION));
            }
        }
    }

    private static Map<String, String> props(String dbUrl) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.db.url", dbUrl);
        props.put("hub.ims.auth.mode", "basic");
        props.put("hub.ims.auth.user", ImsMultipart.USER);
        props.put("hub.ims.auth.password", ImsMultipart.PASSWORD);
        props.put("hub.ims.tenants", ImsMultipart.TENANT);
        props.put("hub.i2a.response-timeout", "20000");
        props.put("hub.ims.dispatch.recovery-delay", "500");
        props.put("hub.ims.dispatch.recovery-interval", "1000");
        return props;
    }

    private static String postEscalation(TestHub hub) {
        String messageId = newMessageId();
        byte[] multipart = body(parameters("SyncServiceOrder", messageId, "NONE"),
                fixture("SyncServiceOrder-escalated.xml").getBytes(StandardCharsets.UTF_8), false);
        assertThat(hub.send(post(hub.url("/ims/service/v3/multipartMessage"), multipart).build()).statusCode())
                .isEqualTo(202);
        return messageId;
    }

    private static long posted(FakeI2a i2a) {
        return i2a.rooms().values().stream().flatMap(r -> r.messages().stream()).filter(ESCALATION::equals).count();
    }

    private static long recoveries(TestHub hub) {
        return hub.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedRoute("ion-dispatch-recovery").getExchangesCompleted();
    }
}
