package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.management.ObjectName;

import io.switchboard.TestHub;
import io.switchboard.ops.PeerMonitor;
import io.switchboard.ops.PeerMonitors;
import io.switchboard.store.DeadLetterRecord;
import io.switchboard.store.DeadLetterStore;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushoverAlertsTest {

    private FakePushover pushover;

    @BeforeEach
    void startPushover() {
        pushover = FakePushover.start();
    }

    @AfterEach
    void stopPushover() {
        pushover.close();
    }

    private Map<String, String> settings(String... extra) {
        Map<String, String> all = new HashMap<>(Map.of(
                "hub.pushover.url", pushover.url(),
                "hub.pushover.token", FakePushover.TOKEN,
                "hub.pushover.user", FakePushover.USER,
                "hub.pushover.poll-interval", "50",
                "hub.pushover.retry.initial-delay", "300"));
        for (int i = 0; i < extra.length; i += 2) {
            all.put(extra[i], extra[i + 1]);
        }
        return all;
    }

    private static void alert(TestHub hub, String text, Object... headers) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put((String) headers[i], headers[i + 1]);
        }
        hub.context().createProducerTemplate().sendBodyAndHeaders(AlertHeaders.ENDPOINT, text, map);
    }

    @Test
    void alertIsPostedAsJsonWithTokenUserAndEveryField() {
        try (TestHub hub = TestHub.start(settings())) {
            alert(hub, "Invoice 42 waits", AlertHeaders.TITLE, "Held document", AlertHeaders.PRIORITY, 1,
                    AlertHeaders.URL, "https://hub.example/messages/42", AlertHeaders.URL_TITLE, "Open",
                    AlertHeaders.SOUND, "pushover", AlertHeaders.DEDUP_KEY, "test.field");

            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.accepted().size() == 1);
            var body = pushover.accepted().get(0).body();
            assertThat(body.getString("token")).isEqualTo(FakePushover.TOKEN);
            assertThat(body.getString("user")).isEqualTo(FakePushover.USER);
            assertThat(body.getString("message")).isEqualTo("Invoice 42 waits");
            assertThat(body.getString("title")).isEqualTo("Held document");
            assertThat(body.getInteger("priority")).isEqualTo(1);
            assertThat(body.getString("url")).isEqualTo("https://hub.example/messages/42");
            assertThat(body.getString("url_title")).isEqualTo("Open");
            assertThat(body.getString("sound")).isEqualTo("pushover");
            assertThat(body.getInteger("html")).isZero();
            assertThat(body.getLong("timestamp")).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            AlertStore store = hub.bean("alertStore", AlertStore.class);
            await().until(() -> store.countByStatus(AlertStore.SENT) == 1);
        }
    }

    @Test
    void stormOfTenThousandIdenticalAlertsBecomesAHandfulOfRequests() throws Exception {
        try (TestHub hub = TestHub.start(settings("hub.pushover.window", "3000"))) {
            ProducerTemplate template = hub.context().createProducerTemplate();
            java.time.Instant stormStart = java.time.Instant.now();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(callers.submit(() -> {
                        for (int i = 0; i < 2500; i++) {
                            template.sendBodyAndHeaders(AlertHeaders.ENDPOINT, "ION ping failed: connection refused",
                                    Map.of(AlertHeaders.DEDUP_KEY, "ion.ping-failed", AlertHeaders.TITLE, "ION down"));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                callers.shutdown();
            }

            AlertStore store = hub.bean("alertStore", AlertStore.class);
            // repeats within hub.alert.fold-interval are counted in memory and written at the next poll
            await().atMost(Duration.ofSeconds(30)).until(() -> store.findByKey("ion.ping-failed").stream()
                    .mapToInt(QueuedAlert::occurrences).sum() == 10_000);
            // every occurrence is accounted for in what Pushover received
            await().atMost(Duration.ofSeconds(30)).until(() -> pushover.accepted().stream()
                    .mapToInt(PushoverAlertsTest::occurrencesIn).sum() == 10_000);
            // folding: at most one request per 3 s window while the storm lasts (however long a loaded machine takes)
            var received = pushover.received();
            long windows = Duration.between(stormStart, received.get(received.size() - 1).at()).toMillis() / 3000;
            assertThat(received).hasSizeLessThanOrEqualTo((int) windows + 2).hasSizeLessThan(100);
            assertThat(pushover.accepted()).anySatisfy(r -> assertThat(r.message()).matches(
                    "ION ping failed: connection refused \\(\u00d7\\d+ since \\d\\d:\\d\\d\\)"));
        }
    }

    private static int occurrencesIn(FakePushover.Received r) {
        var m = java.util.regex.Pattern.compile("\\(\u00d7(\\d+) since").matcher(r.message());
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    @Test
    void oversizedFieldsAreTruncatedWithAnEllipsisNotRejected() {
        try (TestHub hub = TestHub.start(settings())) {
            alert(hub, "m".repeat(5000), AlertHeaders.TITLE, "t".repeat(400),
                    AlertHeaders.URL, "https://hub.example/" + "u".repeat(1000), AlertHeaders.PRIORITY, 7);

            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.accepted().size() == 1);
            var body = pushover.accepted().get(0).body();
            assertThat(body.getString("message")).hasSize(1024).endsWith("m\u2026");
            assertThat(body.getString("title")).hasSize(250).endsWith("\u2026");
            assertThat(body.getString("url")).hasSize(512).endsWith("\u2026");
            assertThat(body.getInteger("priority")).as("clamped to 2 (emergency)").isEqualTo(2);
            assertThat(body.getInteger("retry")).isGreaterThanOrEqualTo(30);
            assertThat(body.getInteger("expire")).isLessThanOrEqualTo(10800);
        }
    }

    @Test
    void rejectedAlertBecomesADeadLetterAndIsNeverRetried() {
        try (TestHub hub = TestHub.start(settings())) {
            alert(hub, "for a stranger", AlertHeaders.RECIPIENT, "not-a-user-key", AlertHeaders.DEDUP_KEY, "test.reject");

            AlertStore store = hub.bean("alertStore", AlertStore.class);
            DeadLetterStore deadLetters = hub.bean("deadLetterStore", DeadLetterStore.class);
            // the alert row turns DEAD just before its dead letter is written: wait for both
            await().atMost(Duration.ofSeconds(10)).until(() -> store.countByStatus(AlertStore.DEAD) == 1
                    && deadLetters.countByStatus(DeadLetterStore.DEAD) == 1);
            DeadLetterRecord dl = deadLetters.findByStatus(DeadLetterStore.DEAD, 10).get(0);
            assertThat(dl.reason()).contains("400").contains("user identifier is invalid");
            assertThat(dl.body()).isEqualTo("for a stranger");
            assertThat(dl.endpointUri()).isEqualTo("direct://alert");
            assertThat(dl.headers()).contains("not-a-user-key").doesNotContain(FakePushover.TOKEN);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> pushover.received().size() == 1);
        }
    }

    @Test
    void serverErrorsAreRetriedNoSoonerThanTheConfiguredSpacingWithBackoff() {
        pushover.failWith(500);
        try (TestHub hub = TestHub.start(settings("hub.pushover.retry.initial-delay", "400",
                "hub.pushover.retry.multiplier", "2"))) {
            alert(hub, "retry me", AlertHeaders.DEDUP_KEY, "test.retry");

            await().atMost(Duration.ofSeconds(15)).until(() -> pushover.received().size() >= 3);
            pushover.succeed();
            await().atMost(Duration.ofSeconds(15)).until(() -> pushover.accepted().size() == 1);

            List<FakePushover.Received> all = pushover.received();
            assertThat(Duration.between(all.get(0).at(), all.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(Duration.between(all.get(1).at(), all.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(800));
            assertThat(pushover.accepted().get(0).message()).isEqualTo("retry me");
        }
    }

    @Test
    void retriesAreFiveSecondsApartByDefault() {
        try (TestHub hub = TestHub.start(Map.of())) {
            PushoverSettings defaults = hub.bean("pushoverSettings", PushoverSettings.class);
            assertThat(defaults.retryInitialDelay()).isEqualTo(Duration.ofSeconds(5));
            assertThat(defaults.retryDelay(1)).isEqualTo(Duration.ofSeconds(5));
            assertThat(defaults.retryDelay(2)).isEqualTo(Duration.ofSeconds(10));
            assertThat(defaults.maxConcurrent()).isEqualTo(2);
        }
    }

    @Test
    void atMostTwoRequestsAreInFlight() {
        pushover.respondAfter(200);
        try (TestHub hub = TestHub.start(settings())) {
            for (int i = 0; i < 12; i++) {
                alert(hub, "alert " + i, AlertHeaders.DEDUP_KEY, "test.parallel." + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> pushover.accepted().size() == 12);
            assertThat(pushover.maxInFlight()).isEqualTo(2);
            assertThat(pushover.maxConnections()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void exhaustedQuotaPausesSendingUntilResetThenSendsOneSummary() throws Exception {
        try (TestHub hub = TestHub.start(settings())) {
            Instant reset = Instant.now().plusSeconds(3);
            pushover.exhaustQuotaUntil(reset);
            alert(hub, "first", AlertHeaders.TITLE, "Held document A", AlertHeaders.DEDUP_KEY, "test.quota.a");
            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.received().size() == 1);
            assertThat(pushover.received().get(0).status()).isEqualTo(429);

            ObjectName name = new ObjectName(PushoverManagement.OBJECT_NAME);
            var jmx = ManagementFactory.getPlatformMBeanServer();
            await().until(() -> !((String) jmx.getAttribute(name, "PausedUntil")).isEmpty());
            assertThat(hub.bean("peerMonitors", PeerMonitors.class).find("pushover").map(PeerMonitor::state))
                    .contains("PAUSED");

            alert(hub, "second", AlertHeaders.TITLE, "Held document B", AlertHeaders.DEDUP_KEY, "test.quota.b");
            alert(hub, "third", AlertHeaders.TITLE, "Dead letter", AlertHeaders.DEDUP_KEY, "test.quota.c");
            alert(hub, "third", AlertHeaders.TITLE, "Dead letter", AlertHeaders.DEDUP_KEY, "test.quota.c");
            AlertStore store = hub.bean("alertStore", AlertStore.class);
            assertThat(store.countByStatus(AlertStore.QUEUED)).isEqualTo(3);
            // nothing is sent while the pause lasts
            assertThat(pushover.received()).hasSize(1);

            await().atMost(Duration.ofSeconds(15)).until(() -> pushover.accepted().size() == 1);
            assertThat(pushover.received().get(1).at()).isAfterOrEqualTo(reset);
            String summary = pushover.accepted().get(0).message();
            assertThat(summary).contains("3 alerts (4 events").contains("Held document A")
                    .contains("Held document B").contains("Dead letter (\u00d72)");
            await().until(() -> store.countByStatus(AlertStore.SUMMARISED) == 3);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> pushover.received().size() == 2);
            assertThat((Long) jmx.getAttribute(name, "QuotaRemaining")).isEqualTo(9_999L);
            assertThat((String) jmx.getAttribute(name, "PausedUntil")).isEmpty();
        }
    }

    @Test
    void quotaHeadersAreJmxAttributesWithoutTheToken() throws Exception {
        pushover.quota(10_000, 1_001);
        try (TestHub hub = TestHub.start(settings())) {
            alert(hub, "one", AlertHeaders.DEDUP_KEY, "test.q1");
            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.accepted().size() == 1);
            ObjectName name = new ObjectName(PushoverManagement.OBJECT_NAME);
            var jmx = ManagementFactory.getPlatformMBeanServer();
            await().until(() -> (Long) jmx.getAttribute(name, "SentCount") == 1L);
            assertThat((Long) jmx.getAttribute(name, "QuotaRemaining")).isEqualTo(1_000L);
            assertThat((Long) jmx.getAttribute(name, "QuotaLimit")).isEqualTo(10_000L);
            assertThat((String) jmx.getAttribute(name, "QuotaReset")).isNotEmpty();
            assertThat((Boolean) jmx.getAttribute(name, "Enabled")).isTrue();
            for (var attribute : jmx.getMBeanInfo(name).getAttributes()) {
                assertThat(String.valueOf(jmx.getAttribute(name, attribute.getName()))).doesNotContain(FakePushover.TOKEN);
            }
        }
    }

    @Test
    void lowQuotaWarnsOnceAtTenPercent() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        var quotaLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PushoverQuota.class);
        quotaLog.addAppender(log);
        pushover.quota(10_000, 1_002);
        try (TestHub hub = TestHub.start(settings())) {
            for (int i = 0; i < 3; i++) {
                alert(hub, "alert " + i, AlertHeaders.DEDUP_KEY, "test.low." + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.accepted().size() == 3);
            await().until(() -> hub.bean("alertStore", AlertStore.class).countByStatus(AlertStore.SENT) == 3);
            // remaining went 1001, 1000 (10 %), 999 — answers on two connections may be read in either order: one warning
            assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("event=pushover-quota-low"))
                    .singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).containsPattern("remaining=(1000|999) "));
        } finally {
            quotaLog.detachAppender(log);
        }
    }

    @Test
    void noReplyWithinTheResponseTimeoutIsRetried() {
        pushover.respondAfter(3000);
        try (TestHub hub = TestHub.start(settings("hub.pushover.response-timeout", "300"))) {
            alert(hub, "slow peer", AlertHeaders.DEDUP_KEY, "test.timeout");
            AlertStore store = hub.bean("alertStore", AlertStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.findByKey("test.timeout").get(0).attempts() >= 1);
            pushover.respondAfter(0);
            await().atMost(Duration.ofSeconds(15)).until(() -> store.countByStatus(AlertStore.SENT) == 1);
            assertThat(pushover.accepted()).extracting(FakePushover.Received::message).contains("slow peer");
        }
    }

    @Test
    void refusedConnectionIsRetriedAndTheAlertKept() {
        int closedPort = TestHub.freePort();
        try (TestHub hub = TestHub.start(settings("hub.pushover.url", "http://127.0.0.1:" + closedPort + "/1/messages.json"))) {
            alert(hub, "nobody listens", AlertHeaders.DEDUP_KEY, "test.refused");
            AlertStore store = hub.bean("alertStore", AlertStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> store.findByKey("test.refused").get(0).attempts() >= 2);
            assertThat(store.findByKey("test.refused").get(0).status()).isIn(AlertStore.QUEUED, AlertStore.SENDING);
            assertThat(hub.bean("peerMonitors", PeerMonitors.class).find("pushover").map(PeerMonitor::state))
                    .contains("FAILING");
        }
    }

    @Test
    void queuedAlertsAreSentAfterARestart() {
        pushover.failWith(500);
        Map<String, String> settings = settings("hub.db.url",
                "jdbc:h2:file:" + TestHub.tempDir().resolve("restart") + ";WRITE_DELAY=0");
        try (TestHub hub = TestHub.start(settings)) {
            alert(hub, "survive the restart", AlertHeaders.DEDUP_KEY, "test.restart");
            await().atMost(Duration.ofSeconds(10)).until(() -> pushover.received().size() >= 1);
            AlertStore store = hub.bean("alertStore", AlertStore.class);
            await().until(() -> store.countByStatus(AlertStore.QUEUED) == 1);
        }
        pushover.succeed();
        try (TestHub hub = TestHub.start(settings)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> pushover.accepted().size() == 1);
            assertThat(pushover.accepted().get(0).message()).isEqualTo("survive the restart");
            AlertStore store = hub.bean("alertStore", AlertStore.class);
            await().until(() -> store.countByStatus(AlertStore.SENT) == 1);
        }
    }
}
