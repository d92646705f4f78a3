package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.store.DeadLetterRecord;
import io.switchboard.store.DeadLetterStore;
import org.junit.jupiter.api.Test;

class DeadLetterChannelTest {

    @Test
    void failingYamlRouteEndsAsADeadLetterWithTheOriginalBody() throws IOException {
        Path routes = TestHub.tempDir();
        Files.writeString(routes.resolve("failing.camel.yaml"), """
                - route:
                    id: always-failing
                    from:
                      uri: direct:always-failing
                      steps:
                        - setBody:
                            constant: changed-before-failure
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: downstream refused
                """);
        Map<String, String> overrides = Map.of(
                "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:" + routes + "/*.camel.yaml",
                "hub.redelivery.default.maximum-redeliveries", "2",
                "hub.redelivery.default.initial-delay", "10",
                "hub.redelivery.default.maximum-delay", "50");

        try (TestHub hub = TestHub.start(overrides)) {
            hub.context().createProducerTemplate().sendBodyAndHeader("direct:always-failing", "original body",
                    DeadLetterRecorder.MESSAGE_ID, "msg-42");

            DeadLetterStore store = hub.bean("deadLetterStore", DeadLetterStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.countByStatus(DeadLetterStore.DEAD) == 1);
            DeadLetterRecord dl = store.findByStatus(DeadLetterStore.DEAD, 10).get(0);
            assertThat(dl.body()).isEqualTo("original body");
            assertThat(dl.routeId()).isEqualTo("always-failing");
            assertThat(dl.endpointUri()).isEqualTo("direct://always-failing");
            assertThat(dl.messageId()).isEqualTo("msg-42");
            assertThat(dl.attempts()).isEqualTo(3);
            assertThat(dl.reason()).contains("downstream refused");
        }
    }
}
