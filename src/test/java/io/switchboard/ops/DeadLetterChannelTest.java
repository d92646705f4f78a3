package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import java.util.concurrent.atomic.AtomicInteger;

import io.switchboard.TestHub;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
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

    @Test
    void yamlRouteDeadLetterRaisesAFoldableAlertWithoutSecrets() throws IOException {
        Path routes = TestHub.tempDir();
        Files.writeString(routes.resolve("leaky.camel.yaml"), """
                - route:
                    id: leaky-failing
                    from:
                      uri: direct:leaky-failing
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: "login refused for token=abc123secret"
                """);
        AlertCapture alerts = new AlertCapture();
        try (TestHub hub = TestHub.start(Map.of(
                "camel.main.routes-include-pattern", "file:routes/*.camel.yaml,file:" + routes + "/*.camel.yaml",
                "hub.redelivery.default.maximum-redeliveries", "0"))) {
            hub.context().getManagementStrategy().addEventNotifier(alerts);
            hub.context().createProducerTemplate().sendBody("direct:leaky-failing", "first");
            hub.context().createProducerTemplate().sendBody("direct:leaky-failing", "second");

            DeadLetterStore store = hub.bean("deadLetterStore", DeadLetterStore.class);
            DeadLetterRecord dl = store.findByStatus(DeadLetterStore.DEAD, 10).get(0);
            assertThat(dl.reason()).contains("token=****").doesNotContain("abc123secret");
            assertThat(dl.exceptionSummary()).doesNotContain("abc123secret");
            assertThat(alerts.alerts).hasSize(2).allSatisfy(a -> {
                assertThat(a.dedupKey()).isEqualTo("dead-letter.leaky-failing");
                assertThat(a.priority()).isEqualTo(0);
                assertThat(a.title()).isEqualTo("Dead letter in leaky-failing");
                assertThat(a.text()).contains("login refused").doesNotContain("abc123secret");
            });
        }
    }

    @Test
    void waitingForARedeliveryHoldsNoThread() throws Exception {
        AtomicInteger firstAttempts = new AtomicInteger();
        // ten-minute delays: with blocking redelivery the single consumer would sleep after the first message
        try (TestHub hub = TestHub.start(Map.of(
                "hub.redelivery.default.maximum-redeliveries", "3",
                "hub.redelivery.default.initial-delay", "600000",
                "hub.redelivery.default.maximum-delay", "600000",
                "camel.main.shutdown-timeout", "1"))) {
            hub.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seda:slow-peer?concurrentConsumers=1").routeId("slow-peer")
                            .process(e -> {
                                if (e.getIn().getHeader(Exchange.REDELIVERY_COUNTER) == null) {
                                    firstAttempts.incrementAndGet();
                                }
                                throw new IllegalStateException("peer down");
                            });
                }
            });
            for (int i = 0; i < 20; i++) {
                hub.context().createProducerTemplate().sendBody("seda:slow-peer", "m" + i);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> firstAttempts.get() == 20);
            assertThat(hub.context().getInflightRepository().size("slow-peer")).isEqualTo(20);
            assertThat(hub.bean("deadLetterStore", DeadLetterStore.class).countByStatus(DeadLetterStore.DEAD)).isZero();
        }
    }
}
