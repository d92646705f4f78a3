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
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageStore;
import org.junit.jupiter.api.Test;

/**
 * A stop that has to be forced (graceful stop timed out) while a delivery is in flight: Camel rejects
 * the rest of the work. That rejection is the hub's, not the message's — the message must not end DEAD
 * (the cause of the spurious DEAD rows in `make bench` at 32 clients); the next start delivers it.
 */
class DispatchStopTest {

    @Test
    void aForcedStopDuringADeliveryNeverMakesTheMessageDeadAndTheNextStartDeliversIt() {
        String dbUrl = "jdbc:h2:file:" + TestHub.tempDir().resolve("hub");
        Map<String, String> props = new HashMap<>();
        props.put("hub.db.url", dbUrl);
        props.put("hub.ims.auth.mode", "basic");
        props.put("hub.ims.auth.user", ImsMultipart.USER);
        props.put("hub.ims.auth.password", ImsMultipart.PASSWORD);
        props.put("hub.ims.tenants", ImsMultipart.TENANT);
        props.put("hub.i2a.response-timeout", "20000");
        props.put("camel.main.shutdown-timeout", "1");
        String messageId = newMessageId();
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET)) {
            i2a.slowNext("", 1, Duration.ofSeconds(5));
            TestHub hub = ChatHub.start(i2a, props);
            try {
                ChatHub.addDirectoryUsers(hub, "john.doe", "foo.bar");
                byte[] multipart = body(parameters("SyncServiceOrder", messageId, "NONE"),
                        fixture("SyncServiceOrder-escalated.xml").getBytes(StandardCharsets.UTF_8), false);
                assertThat(hub.send(post(hub.url("/ims/service/v3/multipartMessage"), multipart).build())
                        .statusCode()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(20)).until(() -> !i2a.requests().isEmpty());
            } finally {
                hub.close(); // I2A answers only after 5 s: the 1 s graceful stop is forced mid-delivery
            }

            try (TestHub restarted = ChatHub.start(i2a, props)) {
                MessageStore messages = restarted.bean("messageStore", MessageStore.class);
                var afterStop = messages.find(Direction.IN, messageId).orElseThrow();
                assertThat(afterStop.status()).as("left by the stop: %s", messages.events(afterStop.id()))
                        .isIn(InboundReceiver.STATUS_RECEIVED, DispatchStatus.DISPATCHING, DispatchStatus.ROUTED);
                // (before: PARTIAL or DEAD, the chat delivery cut by the stop lost without a dead letter)
                await().atMost(Duration.ofSeconds(30)).until(() -> DispatchStatus.ROUTED.equals(
                        messages.find(Direction.IN, messageId).orElseThrow().status()));
                assertThat(i2a.rooms().values()).anySatisfy(room -> assertThat(room.messages())
                        .contains("Service order WO-77 escalated: Technician late more than 2 hours"));
                assertThat(restarted.bean("deadLetterStore", DeadLetterStore.class).countByStatus(DeadLetterStore.DEAD))
                        .as("nothing left for an operator: the stop was no failure").isZero();
            }
        }
    }
}
