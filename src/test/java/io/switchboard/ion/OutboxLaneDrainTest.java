package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The drain claims lanes (consecutive messages of one ordering key) and sends each lane in order. */
class OutboxLaneDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aBacklogGoesOutInEnqueueOrderPerDocumentWithOnePingPerLaneNotPerMessage() {
        FakeIon ion = FakeIon.start().always(FakeIon.PING, 503); // ION unreachable while the backlog builds
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            List<String> sales = enqueue(t, "SyncSalesOrder", 20);
            List<String> service = enqueue(t, "SyncServiceOrder", 20);
            int pingsBefore = ion.calls(FakeIon.PING);

            ion.always(FakeIon.PING, 200);

            await().atMost(WAIT).until(() -> ion.received().size() == 40);
            assertThat(received(ion, "SyncSalesOrder")).containsExactlyElementsOf(sales);
            assertThat(received(ion, "SyncServiceOrder")).containsExactlyElementsOf(service);
            await().atMost(WAIT).until(() -> sales.stream().allMatch(id -> "SENT".equals(t.status(id))));
            assertThat(ion.calls(FakeIon.PING) - pingsBefore).as("pings for 40 messages").isLessThan(20);
        }
    }

    @Test
    void aFailedSendStopsItsLaneAndTheRestFollowLaterInOrder() {
        // the third send fails (ION unavailable for a moment), whenever it happens
        FakeIon ion = FakeIon.start().script(FakeIon.MESSAGE, 200, 200, 503);
        try (IonTestHub t = IonTestHub.start(ion, Map.of())) {
            List<String> sales = enqueue(t, "SyncSalesOrder", 10);

            await().atMost(WAIT).until(() -> sales.stream().allMatch(id -> "SENT".equals(t.status(id))));
            assertThat(received(ion, "SyncSalesOrder")).as("each once, in enqueue order").containsExactlyElementsOf(sales);
            assertThat(ion.calls(FakeIon.MESSAGE)).as("10 sent + the one failed call, nothing behind it jumped ahead")
                    .isEqualTo(11);
        }
    }

    @Test
    void manyKeysInParallelLanesEachKeepItsOwnOrder() {
        // slow answers keep several lanes in flight at once; each DocumentID must still arrive in enqueue order
        FakeIon ion = FakeIon.start().delay(FakeIon.MESSAGE, Duration.ofMillis(5));
        ion.acceptedDocuments("[{\"documentName\":\"SyncSalesOrder\"}]");
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.outbox.ordering-key", "documentName+documentId",
                "hub.ion.parallelism", "4", "hub.ion.outbox.claim-per-key", "2"))) {
            Map<String, List<String>> queued = new java.util.LinkedHashMap<>();
            for (int version = 0; version < 5; version++) {
                for (int order = 0; order < 6; order++) {
                    String id = t.enqueue("SyncSalesOrder", "<SyncSalesOrder><DataArea><SalesOrder><DocumentID><ID>SO-"
                            + order + "</ID></DocumentID><v>" + version + "</v></SalesOrder></DataArea></SyncSalesOrder>");
                    queued.computeIfAbsent("SO-" + order, k -> new ArrayList<>()).add(id);
                }
            }

            await().atMost(WAIT).until(() -> ion.received().size() == 30);
            List<String> arrived = ion.received().stream().map(FakeIon.Received::messageId).toList();
            queued.forEach((order, ids) -> assertThat(arrived.stream().filter(ids::contains).toList())
                    .as("versions of %s in enqueue order", order).containsExactlyElementsOf(ids));
            await().atMost(WAIT).until(() -> queued.values().stream().flatMap(List::stream)
                    .allMatch(id -> "SENT".equals(t.status(id))));
        }
    }

    private static List<String> enqueue(IonTestHub t, String documentName, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(t.enqueue(documentName, IonTestHub.bod(documentName.substring(4), i)));
        }
        return ids;
    }

    private static List<String> received(FakeIon ion, String documentName) {
        return ion.received().stream().filter(r -> r.documentName().equals(documentName))
                .map(FakeIon.Received::messageId).toList();
    }
}
