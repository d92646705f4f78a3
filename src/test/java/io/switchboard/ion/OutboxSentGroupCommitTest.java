package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * SENT is a group commit across lanes: messages ION accepted in different lanes at about the same time share one
 * transaction (their journey events carry that transaction's one timestamp), while every key still goes out in
 * enqueue order, each message once, and SENT only after ION's 2xx.
 */
class OutboxSentGroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEYS = 8;
    private static final int PER_KEY = 6;

    @Test
    void sentStatusesOfParallelLanesShareCommitsAndEveryKeyKeepsItsOrder() throws Exception {
        // ION unreachable while the backlog builds; answers take a moment, so 8 one-message lanes finish together
        FakeIon ion = FakeIon.start().always(FakeIon.PING, 503).delay(FakeIon.MESSAGE, Duration.ofMillis(30));
        ion.acceptedDocuments("[{\"documentName\":\"SyncSalesOrder\"}]");
        try (IonTestHub t = IonTestHub.start(ion, Map.of("hub.ion.outbox.ordering-key", "documentName+documentId",
                "hub.ion.parallelism", String.valueOf(KEYS), "hub.ion.outbox.claim-per-key", "1"))) {
            Map<String, List<String>> queued = new LinkedHashMap<>();
            for (int version = 0; version < PER_KEY; version++) {
                for (int order = 0; order < KEYS; order++) {
                    String id = t.enqueue("SyncSalesOrder", "<SyncSalesOrder><DataArea><SalesOrder><DocumentID><ID>SO-"
                            + order + "</ID></DocumentID><v>" + version + "</v></SalesOrder></DataArea></SyncSalesOrder>");
                    queued.computeIfAbsent("SO-" + order, k -> new ArrayList<>()).add(id);
                }
            }
            List<String> all = queued.values().stream().flatMap(List::stream).toList();

            ion.always(FakeIon.PING, 200);

            await().atMost(WAIT).until(() -> all.stream().allMatch(id -> "SENT".equals(t.status(id))));
            List<String> arrived = ion.received().stream().map(FakeIon.Received::messageId).toList();
            assertThat(arrived).as("each message sent once").hasSize(all.size()).doesNotHaveDuplicates();
            queued.forEach((order, ids) -> assertThat(arrived.stream().filter(ids::contains).toList())
                    .as("versions of %s in enqueue order", order).containsExactlyElementsOf(ids));

            // one lane = one message here, so one commit per lane would give every SENT its own timestamp
            Set<String> commits = new HashSet<>();
            for (String id : all) {
                JsonNode events = journey(t, id).path("events");
                List<String> sentAt = new ArrayList<>();
                List<String> names = new ArrayList<>();
                events.forEach(e -> {
                    names.add(e.path("event").asText());
                    if (e.path("event").asText().equals("SENT")) {
                        sentAt.add(e.path("at").asText());
                    }
                });
                assertThat(names).as("journey of %s: one row for the send that went out", id)
                        .containsExactly("QUEUED", "SENT");
                assertThat(sentAt).as("one SENT event for %s", id).hasSize(1);
                commits.add(sentAt.get(0));
            }
            assertThat(commits.size()).as("SENT commits for %d messages of %d parallel lanes", all.size(), KEYS)
                    .isLessThan(all.size());
        }
    }

    private static JsonNode journey(IonTestHub t, String messageId) throws Exception {
        String body = t.hub.send(HttpRequest.newBuilder(URI.create(t.hub.url("/api/admin/messages/" + messageId
                + "?direction=OUT"))).header("X-API-Key", IonTestHub.API_KEY).GET().build()).body();
        return JSON.readTree(body).path("messages").get(0);
    }
}
