package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.DeadLetterStore;
import org.junit.jupiter.api.Test;

class ChatDisabledTest {

    @Test
    void withoutI2aSettingsTheApiAnswers503AndChatEventsBecomeDeadLetters() {
        try (TestHub hub = TestHub.start(Map.of("hub.api.key", ChatHub.API_KEY))) {
            var response = ChatHub.post(hub, "/api/chat/rooms", "{\"key\":\"WO-1\"}");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("chat_disabled");

            hub.context().createProducerTemplate().sendBodyAndHeader(ChatEventHeaders.ENDPOINT, "hello",
                    ChatEventHeaders.ROOM_KEY, "WO-1");
            DeadLetterStore deadLetters = hub.bean("deadLetterStore", DeadLetterStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.countByStatus(DeadLetterStore.DEAD) == 1);
            assertThat(deadLetters.findByStatus(DeadLetterStore.DEAD, 1).get(0).attempts()).isEqualTo(1);
            assertThat(deadLetters.findByStatus(DeadLetterStore.DEAD, 1).get(0).reason()).contains("chat disabled");

            var monitor = hub.bean("peerMonitors", PeerMonitors.class).find("i2a").orElseThrow();
            assertThat(monitor.enabled()).isFalse();
            assertThat(monitor.state()).isEqualTo("DISABLED");
        }
    }
}
