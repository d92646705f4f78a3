package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** At INFO the drain logs a periodic count of what went out, not a line per message (that one is DEBUG). */
class OutboxSentSummaryTest {

    private static final Pattern SENT = Pattern.compile("sent=(\\d+)");

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger drainLogger = (Logger) LoggerFactory.getLogger(OutboxDrain.class);

    @BeforeEach
    void capture() {
        lines.start();
        drainLogger.addAppender(lines);
    }

    @AfterEach
    void release() {
        drainLogger.detachAppender(lines);
    }

    @Test
    void sentMessagesAreCountedInAPeriodicInfoSummaryPerDocumentNotOneInfoLinePerMessage() {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(),
                Map.of("hub.ion.outbox.sent-summary-interval", "200"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(t.enqueue(i % 2 == 0 ? "SyncSalesOrder" : "SyncServiceOrder", IonTestHub.bod("X", i)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> "SENT".equals(t.status(id))));

            await().atMost(Duration.ofSeconds(10)).until(() -> summarised(summaries()) == 6);
            List<String> summaries = summaries();
            assertThat(summaries).allMatch(l -> l.contains("periodMs=") && l.contains("byDocument={"));
            assertThat(String.join("\n", summaries)).contains("SyncSalesOrder=").contains("SyncServiceOrder=");
            assertThat(info()).as("no INFO line per sent message")
                    .noneMatch(l -> l.startsWith("event=ion-sent ") || l.startsWith("event=ion-sent-payload"));
        }
    }

    private List<String> info() {
        return List.copyOf(lines.list).stream().filter(e -> e.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> summaries() {
        return info().stream().filter(l -> l.startsWith("event=ion-sent-summary ")).toList();
    }

    private static long summarised(List<String> summaries) {
        long total = 0;
        for (String line : summaries) {
            Matcher m = SENT.matcher(line);
            if (m.find()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }
}
