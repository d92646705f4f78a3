package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.TestHub;
import io.switchboard.TwoHubs;
import io.switchboard.ion.FakeIon;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM (a graceful stop) during load: the stop ends within a bounded time, and the outbox rows the
 * stopping instance still held are taken by the other instance at once, not after the 10-minute lease.
 */
class GracefulShutdownTest {

    private static final String API_KEY = "shutdown-test-key";
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void aStoppingInstanceReleasesItsClaimsAndTheOtherTakesThemAtOnce() {
        try (FakeIon ion = FakeIon.start()) {
            ion.acceptedDocuments("[{\"documentName\":\"SyncShutdownProbe\"}]");
            Map<String, String> props = new HashMap<>();
            props.put("hub.ion.credentials-file", ion.writeIonapi(TestHub.tempDir()).toString());
            props.put("hub.ion.logical-id", "lid://infor.ims.switchboard");
            props.put("hub.ion.poll-interval", "20");
            props.put("hub.ion.request-timeout", "30000");
            props.put("hub.ion.lease", "600000");
            props.put("hub.api.key", API_KEY);
            props.put("camel.main.shutdown-timeout", "3");
            try (TwoHubs hubs = TwoHubs.onPostgres(props)) {
                // the first send hangs: it is in flight when the stop comes
                ion.delay(FakeIon.MESSAGE, Duration.ofSeconds(20));
                Set<String> acknowledged = new HashSet<>();
                for (int i = 0; i < 10; i++) {
                    acknowledged.add(enqueue(hubs.first, i));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> ion.calls(FakeIon.MESSAGE) >= 1);
                ion.delay(FakeIon.MESSAGE, Duration.ZERO);

                long t0 = System.nanoTime();
                hubs.first.close();
                Duration stop = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(stop).as("graceful stop is bounded by the shutdown timeout").isLessThan(Duration.ofSeconds(20));

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ion.received())
                        .extracting(FakeIon.Received::messageId).containsAll(acknowledged));
            }
        }
    }

    private static String enqueue(TestHub hub, int n) {
        var response = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/ion/outbox")))
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"documentName\":\"SyncShutdownProbe\","
                        + "\"toLogicalId\":\"lid://infor.m3.acme\",\"payload\":\"<SyncShutdownProbe><N>" + n
                        + "</N></SyncShutdownProbe>\"}")).build());
        assertThat(response.statusCode()).isEqualTo(202);
        Matcher m = MESSAGE_ID.matcher(response.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
