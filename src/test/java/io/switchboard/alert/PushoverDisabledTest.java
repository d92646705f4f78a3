package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

import javax.management.ObjectName;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.TestHub;
import io.switchboard.ops.PeerMonitor;
import io.switchboard.ops.PeerMonitors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PushoverDisabledTest {

    @Test
    void withoutCredentialsAlertsAreLoggedOncePerAggregateAndKept() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger outcomeLog = (Logger) LoggerFactory.getLogger(PushoverOutcome.class);
        outcomeLog.addAppender(log);
        try (FakePushover pushover = FakePushover.start();
                TestHub hub = TestHub.start(Map.of("hub.pushover.url", pushover.url(),
                        "hub.pushover.token", "", "hub.pushover.user", FakePushover.USER,
                        "hub.pushover.poll-interval", "50", "hub.pushover.window", "1000"))) {
            var template = hub.context().createProducerTemplate();
            for (int i = 0; i < 50; i++) {
                template.sendBodyAndHeader(AlertHeaders.ENDPOINT, "chat room create failed",
                        AlertHeaders.DEDUP_KEY, "chat.room-create");
            }
            template.sendBodyAndHeader(AlertHeaders.ENDPOINT, "another", AlertHeaders.DEDUP_KEY, "chat.other");

            AlertStore store = hub.bean("alertStore", AlertStore.class);
            // repeats within the fold interval are counted in memory and written at the next poll: wait for all 50
            await().atMost(Duration.ofSeconds(10)).until(() -> store.findByKey("chat.room-create").stream()
                    .allMatch(a -> a.status().equals(AlertStore.LOGGED)) && store.findByKey("chat.room-create").stream()
                    .mapToInt(QueuedAlert::occurrences).sum() == 50 && store.countByStatus(AlertStore.LOGGED) >= 2);
            var rows = store.findByKey("chat.room-create");
            assertThat(rows.stream().mapToInt(QueuedAlert::occurrences).sum()).isEqualTo(50);
            assertThat(rows).hasSizeLessThanOrEqualTo(2);

            var warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().startsWith("event=alert-not-sent reason=pushover-disabled")).toList();
            assertThat(warnings).hasSize(rows.size() + 1);
            assertThat(warnings).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("chat room create failed"));
            assertThat(pushover.received()).isEmpty();

            assertThat(hub.bean("peerMonitors", PeerMonitors.class).find("pushover"))
                    .hasValueSatisfying(m -> {
                        assertThat(m.enabled()).isFalse();
                        assertThat(m.state()).isEqualTo("DISABLED");
                    });
            var jmx = ManagementFactory.getPlatformMBeanServer();
            assertThat((Boolean) jmx.getAttribute(new ObjectName(PushoverManagement.OBJECT_NAME), "Enabled")).isFalse();
        } finally {
            outcomeLog.detachAppender(log);
        }
    }
}
