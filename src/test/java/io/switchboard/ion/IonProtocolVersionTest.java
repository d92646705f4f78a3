package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** IMS "checks whether the ION version is v3 or later", in every send cycle's preparation. */
class IonProtocolVersionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void ionOfferingOnlyV4IsNotSuspendedAndTheHubUsesV3() throws Exception {
        FakeIon ion = FakeIon.start().versions("[\"v4\"]");
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.attribute("ProtocolVersion")).isEqualTo("v3");
            assertThat(t.alerts("ion.no-v3")).isZero();
        }
    }

    @Test
    void ionOfferingV3AndV4PicksTheHighestTheHubSpeaks() throws Exception {
        FakeIon ion = FakeIon.start().versions("{\"versions\":[\"v3\",\"v4\"]}");
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            String id = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));

            await().atMost(WAIT).until(() -> "SENT".equals(t.status(id)));
            assertThat(t.attribute("ProtocolVersion")).isEqualTo("v3");
            assertThat(t.state()).isEqualTo("READY");
        }
    }

    @Test
    void aDowngradeBelowV3IsFoundInTheNextSendCycleWithoutARestart() throws Exception {
        try (IonTestHub t = IonTestHub.start(FakeIon.start(), Map.of("hub.ion.ping-after-idle", "200"))) {
            String first = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 1));
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(first)));
            int versionsAtStart = t.ion.calls(FakeIon.VERSIONS);

            t.ion.versions("[\"v1\",\"v2\"]");
            Instant quietSince = Instant.now();
            await().atMost(WAIT).until(() -> Duration.between(quietSince, Instant.now()).toMillis() >= 300);
            String second = t.enqueue("SyncSalesOrder", IonTestHub.bod("SalesOrder", 2));

            await().atMost(WAIT).until(() -> "SUSPENDED".equals(t.state()));
            assertThat(t.ion.calls(FakeIon.VERSIONS)).isGreaterThan(versionsAtStart);
            assertThat(t.alerts("ion.no-v3")).isEqualTo(1);
            assertThat((String) t.attribute("LastError")).contains("without v3");
            assertThat(t.status(second)).isEqualTo("QUEUED");
            assertThat(t.ion.received()).hasSize(1);

            t.ion.versions("[\"v2\",\"v3\"]");
            t.invoke("resume");
            await().atMost(WAIT).until(() -> "SENT".equals(t.status(second)));
        }
    }
}
