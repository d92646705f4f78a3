package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/**
 * A 10-minute outage compressed 200×: error-log window 300 ms (= 60 s), outage 3 s (= 10 min),
 * back-off capped at 20 ms so the hub pings ION far more often than it logs.
 */
class IonOutageTest {

    private final ListAppender<ILoggingEvent> outageLines = new ListAppender<>();
    private final ListAppender<ILoggingEvent> sendLines = new ListAppender<>();
    private final Logger outageLogger = (Logger) LoggerFactory.getLogger(IonOutageLog.class);
    private final Logger sessionLogger = (Logger) LoggerFactory.getLogger(IonSession.class);

    @BeforeEach
    void capture() {
        outageLines.start();
        sendLines.start();
        outageLogger.addAppender(outageLines);
        sessionLogger.addAppender(sendLines);
    }

    @AfterEach
    void release() {
        outageLogger.detachAppender(outageLines);
        sessionLogger.detachAppender(sendLines);
    }

    @Test
    void tenMinuteOutageLogsOneLinePerWindowAlertsOnceAndDeliversEveryMessageExactlyOnce() throws Exception {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of("hub.ion.parallelism", "3",
                "hub.ion.backoff.max", "20", "hub.ion.poll-interval", "10"))) {
            String warmUp = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 0));
            await().atMost(Duration.ofSeconds(15)).until(() -> "SENT".equals(t.status(warmUp)));

            // ION goes down right after the next ping gate: sends get 503, every ping after it too
            t.ion.script(FakeIon.PING, 200).always(FakeIon.PING, 503).always(FakeIon.MESSAGE, 503);
            Instant outageStart = Instant.now();
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                ids.add(t.enqueue(List.of("SyncSalesOrder", "SyncServiceOrder", "AcknowledgeSalesOrder").get(i % 3),
                        IonTestHub.bod("X", i)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "BACKING_OFF".equals(t.state()));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Duration.between(outageStart, Instant.now()).toMillis() >= 3000);
            int pingsDuringOutage = t.ion.calls(FakeIon.PING);
            assertThat(t.ion.received()).hasSize(1);

            t.ion.always(FakeIon.PING, 0).always(FakeIon.MESSAGE, 0);
            await().atMost(Duration.ofSeconds(15)).until(() -> t.ion.received().size() == 13);

            List<String> errors = outageLines.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            List<String> ongoing = errors.stream().filter(l -> l.startsWith("event=ion-outage-ongoing")).toList();
            assertThat(errors.stream().filter(l -> l.startsWith("event=ion-outage-started"))).hasSize(1);
            assertThat(ongoing.size()).as("about one line per 300 ms window over 3 s").isBetween(5, 11);
            assertThat(ongoing).allMatch(l -> l.contains("failures=") && l.contains("lastCause=\"ping: HTTP 503\""));
            assertThat(errors.get(0)).contains("multipartMessage: HTTP 503");
            assertThat(errors.size()).as("far fewer lines than failed pings (%d)", pingsDuringOutage)
                    .isLessThan(pingsDuringOutage / 2);
            assertThat(outageLines.list.stream().filter(e -> e.getFormattedMessage().startsWith("event=ion-outage-ended")))
                    .hasSize(1);
            assertThat(t.alerts("ion.unavailable")).isEqualTo(1);
            assertThat(t.alerts).hasSize(1);

            List<String> delivered = t.ion.received().stream().map(FakeIon.Received::messageId).toList();
            assertThat(delivered).doesNotHaveDuplicates().containsAll(ids).contains(warmUp);
            for (String id : ids) {
                assertThat(t.status(id)).isEqualTo("SENT");
            }
            assertThat(t.state()).isEqualTo("READY");
        }
    }
}
