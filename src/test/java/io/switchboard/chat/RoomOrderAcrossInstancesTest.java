package io.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.switchboard.TestHub;
import io.switchboard.TwoHubs;
import org.junit.jupiter.api.Test;

/** Two hubs on one PostgreSQL change one room one at a time: racing creates make one I2A room. */
class RoomOrderAcrossInstancesTest {

    @Test
    void racingCreatesOnTwoInstancesMakeOneI2aRoom() throws Exception {
        try (FakeI2a i2a = FakeI2a.start(ChatHub.SECRET);
                TwoHubs hubs = TwoHubs.onPostgres(Map.of("hub.i2a.url", i2a.url(), "hub.i2a.app-secret",
                        ChatHub.SECRET, "hub.api.key", ChatHub.API_KEY, "hub.i2a.response-timeout", "5000"))) {
            ChatHub.addDirectoryUsers(hubs.first, "john.doe", "foo.bar");
            // the first creation is slow, so the others arrive while it is in flight
            i2a.slowNext("chat-room/", 1, Duration.ofMillis(800));
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    TestHub hub = i % 2 == 0 ? hubs.first : hubs.second;
                    answers.add(callers.submit(() -> ChatHub.post(hub, "/api/chat/rooms",
                            "{\"key\":\"SO-RACE\",\"members\":[\"john.doe\",\"foo.bar\"]}").statusCode()));
                }
                for (Future<Integer> answer : answers) {
                    assertThat(answer.get()).isIn(201, 409);
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(i2a.requests().stream().filter(r -> r.path().endsWith("/chat-room/")).count())
                    .as("room creations sent to I2A").isEqualTo(1);
            assertThat(i2a.rooms()).hasSize(1);
        }
    }
}
