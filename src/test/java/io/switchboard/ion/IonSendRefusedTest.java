package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** ION answers ping but refuses multipartMessage: the back-off grows, the log is aggregated, 401/403 stop sending. */
class IonSendRefusedTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ListAppender<ILoggingEvent> outageLines = new ListAppender<>();
    private final Logger outageLogger = (Logger) LoggerFactory.getLogger(IonOutageLog.class);

    @BeforeEach
    void capture() {
        outageLines.start();
        outageLogger.addAppender(outageLines);
    }

    @AfterEach
    void release() {
        outageLogger.detachAppender(outageLines);
    }

    @Test
    void failingSendsWhilePingAnswersBackOffGrowingWithAggregatedLinesAndOneAlert() throws Exception {
        FakeIon ion = FakeIon.start().always(FakeIon.MESSAGE, 503);
        // delays 50, 100, 200, 400, 800, 1600 (cap) ms without jitter; one ERROR line per second at most
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.backoff.initial", "50",
                "hub.ion.backoff.max", "1600", "hub.ion.backoff.jitter", "0", "hub.ion.error-log-window", "1000",
                "hub.ion.ping-after-idle", "0"))) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> t.ion.calls(FakeIon.MESSAGE) >= 1);
            Instant firstFailure = Instant.now();
            await().atMost(WAIT).until(() -> Duration.between(firstFailure, Instant.now()).toMillis() >= 3500);

            int posts = t.ion.calls(FakeIon.MESSAGE);
            // the old session reset the back-off on every good ping: ~50 POSTs in 3.5 s
            // delays are lower bounds (a loaded machine only spreads the attempts): at most 0, 50, 150, 350, 750,
            // 1550, 3150 ms
            assertThat(posts).as("POSTs in 3.5 s with a doubling delay").isBetween(3, 7);
            assertThat(t.ion.calls(FakeIon.PING)).as("ping answered every time").isGreaterThanOrEqualTo(posts - 1);
            List<Long> times = t.ion.callTimesMillis(FakeIon.MESSAGE);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(times.get(i) - times.get(i - 1));
            }
            assertThat(gaps.get(gaps.size() - 1)).as("gaps %s", gaps).isGreaterThanOrEqualTo(700);
            assertThat(t.status(id)).isEqualTo("QUEUED");

            List<String> errors = errorLines();
            assertThat(errors.stream().filter(l -> l.startsWith("event=ion-outage-started"))).hasSize(1);
            assertThat(errors.get(0)).contains("multipartMessage: HTTP 503");
            List<String> ongoing = errors.stream().filter(l -> l.startsWith("event=ion-outage-ongoing")).toList();
            assertThat(ongoing).hasSizeBetween(1, 4)
                    .allMatch(l -> l.contains("failures=") && l.contains("lastCause=\"multipartMessage: HTTP 503\""));
            assertThat(outageLines.list).noneMatch(e -> e.getFormattedMessage().startsWith("event=ion-outage-ended"));
            assertThat(t.alerts).extracting(IonTestHub.Alert::dedupKey).containsExactly("ion.unavailable");
            assertThat(t.alerts.get(0).title()).isEqualTo("ION does not accept messages");

            t.ion.always(FakeIon.MESSAGE, 0);
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            await().atMost(WAIT).until(() -> outageLines.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().startsWith("event=ion-outage-ended")));
            assertThat(outageLines.list.stream()
                    .filter(e -> e.getFormattedMessage().startsWith("event=ion-outage-ended"))).hasSize(1);
            assertThat(t.ion.received()).hasSize(1);
            assertThat(t.alerts).hasSize(1);
            assertThat(t.state()).isEqualTo("READY");
        }
    }

    @Test
    void sendTimeoutsWhilePingAnswersAreOneOutageWithAGrowingDelay() throws Exception {
        // multipartMessage answers after 1.5 s, the hub waits 300 ms: every send times out, ping is instant
        FakeIon ion = FakeIon.start().delay(FakeIon.MESSAGE, Duration.ofMillis(1500));
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.request-timeout", "300",
                "hub.ion.backoff.initial", "100", "hub.ion.backoff.max", "1600", "hub.ion.backoff.jitter", "0",
                "hub.ion.error-log-window", "1000", "hub.ion.ping-after-idle", "0"))) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> t.ion.calls(FakeIon.MESSAGE) >= 1);
            Instant firstFailure = Instant.now();
            await().atMost(WAIT).until(() -> Duration.between(firstFailure, Instant.now()).toMillis() >= 4000);

            // attempts need 300 ms each plus 100, 200, 400, 800, 1600 ms of delay: at most 6 in 4 s
            assertThat(t.ion.calls(FakeIon.MESSAGE)).isBetween(3, 6);
            assertThat(t.message(id).lastError()).contains("timeout");
            assertThat(t.alerts).extracting(IonTestHub.Alert::dedupKey).containsExactly("ion.unavailable");
            assertThat(t.alerts.get(0).title()).isEqualTo("ION does not accept messages");
            assertThat(errorLines().stream().filter(l -> l.startsWith("event=ion-outage-started"))).hasSize(1);

            t.ion.delay(FakeIon.MESSAGE, Duration.ZERO);
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            // at-least-once: a timed-out POST may still have reached ION; it de-duplicates by messageId
            assertThat(t.ion.received()).extracting(FakeIon.Received::messageId).containsOnly(id);
            assertThat(t.alerts).hasSize(1);
        }
    }

    @Test
    void forbiddenSendIsAuthFailedNamingTheLogicalIdAndStopsUntilResumed() throws Exception {
        FakeIon ion = FakeIon.start().always(FakeIon.MESSAGE, 403);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "AUTH_FAILED".equals(t.state()));
            assertThat(t.alerts("ion.auth-failed")).isEqualTo(1);
            IonTestHub.Alert alert = t.alerts.get(0);
            assertThat(alert.title()).isEqualTo("ION refuses the hub as sender");
            assertThat(alert.text()).contains("fromLogicalId 'lid://infor.ims.switchboard'")
                    .contains("'ACME_TST~clientId'").doesNotContain("not-real").doesNotContain("tok-");
            assertThat((String) t.attribute("LastError")).contains("hub.ion.logical-id");

            // stopped: no second POST while AUTH_FAILED, however long it lasts
            Instant stoppedAt = Instant.now();
            await().atMost(WAIT).until(() -> Duration.between(stoppedAt, Instant.now()).toMillis() >= 500);
            assertThat(t.ion.calls(FakeIon.MESSAGE)).isEqualTo(1);
            assertThat(t.status(id)).isEqualTo("QUEUED");
            assertThat(t.state()).isEqualTo("AUTH_FAILED");

            t.ion.always(FakeIon.MESSAGE, 0);
            t.invoke("resume");
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.alerts("ion.auth-failed")).isEqualTo(1);
        }
    }

    @Test
    void unauthorisedSendAfterATokenRefreshBlamesTheCredentialsUntilTheFileChanges() throws Exception {
        FakeIon ion = FakeIon.start().always(FakeIon.MESSAGE, 401);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "AUTH_FAILED".equals(t.state()));
            assertThat(t.ion.calls(FakeIon.MESSAGE)).as("once, and once more with a fresh token").isEqualTo(2);
            IonTestHub.Alert alert = t.alerts.get(0);
            assertThat(alert.dedupKey()).isEqualTo("ion.auth-failed");
            assertThat(alert.title()).isEqualTo("ION refuses the hub's credentials");
            assertThat(alert.text()).contains(".ionapi").contains("Likely cause").doesNotContain("not-real");

            t.ion.always(FakeIon.MESSAGE, 0);
            Path file = Path.of(t.hub.context().getPropertiesComponent().resolveProperty("hub.ion.credentials-file")
                    .orElseThrow());
            Files.writeString(file, t.ion.ionapiJson(t.ion.url(), "rotated-secret-not-real"));
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
        }
    }

    @Test
    void aBurstIsNotPingedBatchByBatchButAfterIdle() throws Exception {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of("hub.ion.parallelism", "1",
                "hub.ion.ping-after-idle", "1500"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", i)));
            }
            await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> "SENT".equals(status(t, id))));
            int pingsAfterBurst = t.ion.calls(FakeIon.PING);
            assertThat(pingsAfterBurst).as("six one-message batches").isLessThanOrEqualTo(1);

            Instant quietSince = Instant.now();
            await().atMost(WAIT).until(() -> Duration.between(quietSince, Instant.now()).toMillis() >= 1700);
            int versionsBefore = t.ion.calls(FakeIon.VERSIONS);
            String late = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 99));
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(late)));
            assertThat(t.ion.calls(FakeIon.PING)).isEqualTo(pingsAfterBurst + 1);
            assertThat(t.ion.calls(FakeIon.VERSIONS)).as("versions checked in the preparation").isEqualTo(versionsBefore + 1);
        }
    }

    private static String status(IonTestHub t, String id) {
        return t.status(id);
    }

    private List<String> errorLines() {
        return outageLines.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
