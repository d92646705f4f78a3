package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.switchboard.TestHub;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** routes/alert-rules.camel.yaml: the table engineers edit, driven by hub.alert.* properties. */
class AlertRulesTest {

    private FakePushover pushover;

    @BeforeEach
    void startPushover() {
        pushover = FakePushover.start();
    }

    @AfterEach
    void stopPushover() {
        pushover.close();
    }

    private TestHub hub(String... extra) {
        Map<String, String> all = new HashMap<>(Map.of(
                "hub.pushover.url", pushover.url(),
                "hub.pushover.token", FakePushover.TOKEN,
                "hub.pushover.user", FakePushover.USER,
                "hub.pushover.poll-interval", "50"));
        for (int i = 0; i < extra.length; i += 2) {
            all.put(extra[i], extra[i + 1]);
        }
        return TestHub.start(all);
    }

    @Test
    void ionAuthenticationFailureIsRaisedToUrgentWithTheSirenForTheOnCallRecipient() {
        try (TestHub hub = hub("hub.alert.on-call-recipient", FakePushover.OTHER_USER)) {
            hub.context().createProducerTemplate().sendBodyAndHeaders(AlertHeaders.ENDPOINT,
                    "ION refused the hub's credentials (401 on ping)",
                    Map.of(AlertHeaders.DEDUP_KEY, "ion.auth-failed", AlertHeaders.PRIORITY, 0));

            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.accepted().size() == 1);
            var body = pushover.accepted().get(0).body();
            assertThat(body.getInteger("priority")).isEqualTo(1);
            assertThat(body.getString("sound")).isEqualTo("siren");
            assertThat(body.getString("user")).isEqualTo(FakePushover.OTHER_USER);
        }
    }

    @Test
    void changingARulePropertyMakesItAnEmergencyWithRetryAndExpire() {
        try (TestHub hub = hub("hub.alert.priority.ion-not-entitled", "2", "hub.pushover.emergency-retry", "10",
                "hub.pushover.emergency-expire", "99999")) {
            hub.context().createProducerTemplate().sendBodyAndHeader(AlertHeaders.ENDPOINT,
                    "ION answered 412: connection point not entitled", AlertHeaders.DEDUP_KEY, "ion.not-entitled");

            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.accepted().size() == 1);
            var body = pushover.accepted().get(0).body();
            assertThat(body.getInteger("priority")).isEqualTo(2);
            assertThat(body.getInteger("retry")).as("Pushover's minimum").isEqualTo(30);
            assertThat(body.getInteger("expire")).as("Pushover's maximum").isEqualTo(10800);
            assertThat(body.getString("user")).as("no on-call recipient configured").isEqualTo(FakePushover.USER);
        }
    }

    @Test
    void unroutedDocumentsAreQuietAndUnknownKeysKeepTheirPriority() {
        try (TestHub hub = hub()) {
            var template = hub.context().createProducerTemplate();
            template.sendBodyAndHeaders(AlertHeaders.ENDPOINT, "No dispatch rule for Sync.Whatever",
                    Map.of(AlertHeaders.DEDUP_KEY, "ion.unrouted.Sync.Whatever", AlertHeaders.PRIORITY, 1));
            template.sendBodyAndHeaders(AlertHeaders.ENDPOINT, "Something else",
                    Map.of(AlertHeaders.DEDUP_KEY, "custom.thing", AlertHeaders.PRIORITY, -2));

            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.accepted().size() == 2);
            assertThat(pushover.accepted()).anySatisfy(r -> {
                assertThat(r.message()).startsWith("No dispatch rule");
                assertThat(r.body().getInteger("priority")).isEqualTo(-1);
            });
            assertThat(pushover.accepted()).anySatisfy(r -> {
                assertThat(r.message()).isEqualTo("Something else");
                assertThat(r.body().getInteger("priority")).isEqualTo(-2);
            });
        }
    }

    @Test
    void callersExchangeComesBackUntouched() {
        try (TestHub hub = hub()) {
            Exchange exchange = new DefaultExchange(hub.context());
            exchange.getIn().setBody("caller's body");
            exchange.getIn().setHeader(AlertHeaders.DEDUP_KEY, "ion.auth-failed");
            exchange.getIn().setHeader(AlertHeaders.PRIORITY, 0);

            Exchange after = hub.context().createProducerTemplate().send(AlertHeaders.ENDPOINT, exchange);

            assertThat(after.getException()).isNull();
            assertThat(after.getMessage().getBody(String.class)).isEqualTo("caller's body");
            assertThat(after.getMessage().getHeader(AlertHeaders.PRIORITY)).isEqualTo(0);
            assertThat(after.getMessage().getHeader(AlertHeaders.SOUND)).isNull();
        }
    }
}
