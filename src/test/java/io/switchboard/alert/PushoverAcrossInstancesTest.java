package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.TwoHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two hubs on one PostgreSQL: Pushover sees at most two connections and one quota pause in total. */
class PushoverAcrossInstancesTest {

    private FakePushover pushover;

    @BeforeEach
    void startPushover() {
        pushover = FakePushover.start();
    }

    @AfterEach
    void stopPushover() {
        pushover.close();
    }

    private Map<String, String> settings() {
        return Map.of("hub.pushover.url", pushover.url(), "hub.pushover.token", FakePushover.TOKEN,
                "hub.pushover.user", FakePushover.USER, "hub.pushover.poll-interval", "50",
                "hub.pushover.retry.initial-delay", "300");
    }

    private static void alert(TestHub hub, String text, String dedupKey) {
        hub.context().createProducerTemplate().sendBodyAndHeader(AlertHeaders.ENDPOINT, text, AlertHeaders.DEDUP_KEY,
                dedupKey);
    }

    @Test
    void twoInstancesTogetherKeepAtMostTwoConnectionsOpen() {
        pushover.respondAfter(200);
        try (TwoHubs hubs = TwoHubs.onPostgres(settings())) {
            for (int i = 0; i < 16; i++) {
                alert(i % 2 == 0 ? hubs.first : hubs.second, "alert " + i, "test.scale." + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> pushover.accepted().size() == 16);
            assertThat(pushover.maxInFlight()).isLessThanOrEqualTo(2);
            assertThat(pushover.maxConnections()).isLessThanOrEqualTo(2);
            assertThat(pushover.accepted()).extracting(FakePushover.Received::message).doesNotHaveDuplicates();
        }
    }

    @Test
    void aQuotaPauseSeenByOneInstanceHoldsTheOtherToo() {
        try (TwoHubs hubs = TwoHubs.onPostgres(settings())) {
            Instant reset = Instant.now().plusSeconds(4);
            pushover.exhaustQuotaUntil(reset);
            alert(hubs.first, "first", "test.pause.a");
            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.received().size() == 1);
            assertThat(pushover.received().get(0).status()).isEqualTo(429);
            await().until(() -> hubs.second.bean("pushoverQuota", PushoverQuota.class).paused());

            alert(hubs.second, "second", "test.pause.b");
            alert(hubs.second, "third", "test.pause.c");
            await().atMost(Duration.ofSeconds(20)).until(() -> pushover.accepted().size() >= 1);
            assertThat(pushover.received().subList(1, pushover.received().size())).allSatisfy(r -> assertThat(r.at()).isAfterOrEqualTo(reset));
            // one summary for all three, sent by whichever instance polled first after the reset
            assertThat(pushover.accepted().get(0).message()).contains("3 alerts");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> pushover.received().size() == 2);
        }
    }
}
