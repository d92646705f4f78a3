package io.switchboard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.switchboard.Secret;
import org.junit.jupiter.api.Test;

class PushoverRequestTest {

    private static PushoverSettings settings() {
        return new PushoverSettings("http://localhost/1/messages.json", Secret.of("t"), Secret.of("u"),
                Duration.ofMinutes(5), 2, 20, Duration.ofMinutes(2), Duration.ofSeconds(5), 2,
                Duration.ofSeconds(30), 50, 60, 3600, 0, false, 10, Duration.ofHours(1), 2);
    }

    private static QueuedAlert alert(String message, int occurrences) {
        Instant first = Instant.parse("2026-01-05T09:07:00Z");
        return new QueuedAlert(1, "k", null, message, 0, null, null, null, null, occurrences, "QUEUED", 0, first, first);
    }

    @Test
    void aggregatedAlertSaysHowOftenAndSinceWhenWithinTheLimit() {
        PushoverRequest request = new PushoverRequest(settings(), ZoneOffset.UTC);
        assertThat(request.text(alert("ping failed", 1))).isEqualTo("ping failed");
        assertThat(request.text(alert("ping failed", 9999))).isEqualTo("ping failed (\u00d79999 since 09:07)");
        String long1 = request.text(alert("x".repeat(2000), 12));
        assertThat(long1).hasSize(PushoverLimits.MESSAGE).endsWith("\u2026 (\u00d712 since 09:07)");
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE80";
        String cut = PushoverLimits.truncate("a".repeat(8) + emoji + "bbbb", 10);
        assertThat(cut).isEqualTo("a".repeat(8) + "\u2026");
        assertThat(PushoverLimits.truncate("short", 10)).isEqualTo("short");
        assertThat(PushoverLimits.truncate(null, 10)).isNull();
    }

    @Test
    void retryDelayGrowsByTheMultiplierUpToTheCapAndNeverBelowTheSpacing() {
        PushoverSettings s = settings();
        assertThat(s.retryDelay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.retryDelay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.retryDelay(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.retryDelay(10)).isEqualTo(Duration.ofSeconds(30));
    }
}
