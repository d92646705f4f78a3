package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.store.DeadLetterFilter;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/admin/dead-letters and /api/admin/messages over real HTTP against a whole hub. */
class DeadLetterApiTest {

    private static final String KEY = "ops-key-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestHub hub;
    private static final Downstream DOWNSTREAM = new Downstream();
    private static final AlertCapture ALERTS = new AlertCapture();

    @BeforeAll
    static void start() throws Exception {
        hub = TestHub.start(Map.of("hub.api.key", KEY));
        hub.context().getManagementStrategy().addEventNotifier(ALERTS);
        hub.context().addRoutes(new DeadLetterChannel("opstest", new RedeliverySettings(1, 10, 2, 50)));
        hub.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ops-test-deliver").routeId("ops-test-deliver")
                        .routeConfigurationId(DeadLetterChannel.idFor("opstest"))
                        .setHeader("Changed", constant("inside the route"))
                        .bean(DOWNSTREAM, "deliver");
            }
        });
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    void failAgain() {
        DOWNSTREAM.failing.set(true);
        DOWNSTREAM.delivered.clear();
    }

    @Test
    void javaRouteWithNamedChannelDeadLettersTheOriginalMessageWithoutSecretsAndAlertsOncePerRoute() throws Exception {
        long id = deadLetter("Sync.Masked", "body-1");
        deadLetter("Sync.Masked", "body-2");

        JsonNode dl = json(get("/api/admin/dead-letters/" + id));
        assertThat(dl.path("status").asText()).isEqualTo("DEAD");
        assertThat(dl.path("routeId").asText()).isEqualTo("ops-test-deliver");
        assertThat(dl.path("endpointUri").asText()).isEqualTo("direct://ops-test-deliver");
        assertThat(dl.path("body").asText()).isEqualTo("body-1");
        assertThat(dl.path("headers").has("Changed")).as("original headers, not the changed ones").isFalse();
        assertThat(dl.path("attempts").asInt()).isEqualTo(2);
        assertThat(dl.path("reason").asText()).contains("peer refused").doesNotContain("hunter2");
        assertThat(dl.path("exceptionSummary").asText()).contains("password=****").doesNotContain("hunter2");

        List<AlertCapture.Alert> alerts = ALERTS.alerts.stream()
                .filter(a -> "dead-letter.ops-test-deliver".equals(a.dedupKey())).toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(a -> {
                    assertThat(a.title()).isEqualTo("Dead letter in ops-test-deliver");
                    assertThat(a.priority()).isEqualTo(0);
                    assertThat(a.text()).doesNotContain("hunter2");
                });
    }

    @Test
    void replayReentersTheRouteOnceAndRecordsHistory() throws Exception {
        long id = deadLetter("Sync.ReplayOnce", "order-7");
        DOWNSTREAM.failing.set(false);

        HttpResponse<String> first = post("/api/admin/dead-letters/" + id + "/replay", "");
        HttpResponse<String> second = post("/api/admin/dead-letters/" + id + "/replay", "");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).path("result").asText()).isEqualTo("REPLAYED");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).path("error").asText()).isEqualTo("not_replayable");
        assertThat(DOWNSTREAM.delivered).containsExactly("order-7|erp");
        JsonNode dl = json(get("/api/admin/dead-letters/" + id));
        assertThat(dl.path("status").asText()).isEqualTo("REPLAYED");
        assertThat(dl.path("history").get(0).path("action").asText()).isEqualTo("REPLAYED");
        assertThat(dl.path("history").get(0).path("actor").asText()).isEqualTo("api");
    }

    @Test
    void concurrentReplaysOfOneDeadLetterDeliverItOnce() throws Exception {
        long id = deadLetter("Sync.Concurrent", "once-only");
        DOWNSTREAM.failing.set(false);

        var pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> post("/api/admin/dead-letters/" + id + "/replay", ""), pool));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
        assertThat(DOWNSTREAM.delivered).containsExactly("once-only|erp");
    }

    @Test
    void replayThatFailsAgainStaysOneDeadLetterWithReplayFailedHistory() throws Exception {
        long id = deadLetter("Sync.StillBroken", "broken");
        long before = store().count(new DeadLetterFilter(null, "Sync.StillBroken", null, null, null));
        int alertsBefore = ALERTS.alerts.size();

        JsonNode outcome = json(post("/api/admin/dead-letters/" + id + "/replay", ""));

        assertThat(outcome.path("result").asText()).isEqualTo("REPLAY_FAILED");
        JsonNode dl = json(get("/api/admin/dead-letters/" + id));
        assertThat(dl.path("status").asText()).isEqualTo("DEAD");
        assertThat(dl.path("attempts").asInt()).isEqualTo(4);
        assertThat(dl.path("history").get(0).path("action").asText()).isEqualTo("REPLAY_FAILED");
        assertThat(dl.path("history").get(0).path("detail").asText()).doesNotContain("hunter2");
        assertThat(store().count(new DeadLetterFilter(null, "Sync.StillBroken", null, null, null)))
                .isEqualTo(before);
        assertThat(ALERTS.alerts).as("the operator replaying it is already on it").hasSize(alertsBefore);
    }

    @Test
    void discardNeedsAReasonAndEndsReplays() throws Exception {
        long id = deadLetter("Sync.Discard", "unwanted");

        assertThat(post("/api/admin/dead-letters/" + id + "/discard", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> discarded = post("/api/admin/dead-letters/" + id + "/discard",
                "{\"reason\":\"duplicate of order 8\"}");
        DOWNSTREAM.failing.set(false);
        HttpResponse<String> replay = post("/api/admin/dead-letters/" + id + "/replay", "");

        assertThat(discarded.statusCode()).isEqualTo(200);
        assertThat(json(discarded).path("status").asText()).isEqualTo("DISCARDED");
        assertThat(json(discarded).path("history").get(0).path("detail").asText()).isEqualTo("duplicate of order 8");
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(DOWNSTREAM.delivered).isEmpty();
        assertThat(post("/api/admin/dead-letters/" + id + "/discard", "{\"reason\":\"again\"}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void replayByDocumentNameReplaysOnlyThatDocument() throws Exception {
        deadLetter("Sync.BulkA", "a1");
        deadLetter("Sync.BulkA", "a2");
        long other = deadLetter("Sync.BulkB", "b1");
        DOWNSTREAM.failing.set(false);

        JsonNode summary = json(post("/api/admin/dead-letters/replay", "{\"documentName\":\"Sync.BulkA\"}"));

        assertThat(summary.path("replayed").asInt()).isEqualTo(2);
        assertThat(DOWNSTREAM.delivered).containsExactlyInAnyOrder("a1|erp", "a2|erp");
        assertThat(store().find(other).orElseThrow().status()).isEqualTo("DEAD");
    }

    @Test
    void replayByTimeRangeReplaysOnlyDeadLettersInsideIt() throws Exception {
        deadLetter("Sync.Range", "old");
        Instant from = Instant.now();
        deadLetter("Sync.Range", "new");
        DOWNSTREAM.failing.set(false);

        JsonNode summary = json(post("/api/admin/dead-letters/replay",
                "{\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(60) + "\"}"));

        assertThat(summary.path("replayed").asInt()).isEqualTo(1);
        assertThat(DOWNSTREAM.delivered).containsExactly("new|erp");
    }

    @Test
    void replayAllNeedsAnExplicitFlag() throws Exception {
        deadLetter("Sync.All", "x");
        DOWNSTREAM.failing.set(false);

        HttpResponse<String> noFilter = post("/api/admin/dead-letters/replay", "{}");
        JsonNode all = json(post("/api/admin/dead-letters/replay", "{\"all\":true}"));

        assertThat(noFilter.statusCode()).isEqualTo(400);
        assertThat(json(noFilter).path("error").asText()).isEqualTo("missing_filter");
        assertThat(all.path("replayed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(store().countByStatus(DeadLetterStore.DEAD)).isZero();
    }

    @Test
    void listFiltersAndPages() throws Exception {
        deadLetter("Sync.List", "l1");
        deadLetter("Sync.List", "l2");
        deadLetter("Sync.List", "l3");

        JsonNode page = json(get("/api/admin/dead-letters?documentName=Sync.List&status=DEAD&limit=2&offset=0"));
        JsonNode rest = json(get("/api/admin/dead-letters?documentName=Sync.List&limit=2&offset=2"));

        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("items").get(0).path("documentName").asText()).isEqualTo("Sync.List");
        assertThat(page.path("items").get(0).has("body")).isFalse();
        assertThat(rest.path("items")).hasSize(1);
        assertThat(json(get("/api/admin/dead-letters?routeId=nope")).path("total").asInt()).isZero();
    }

    @Test
    void badRequestsGetJsonErrors() {
        assertThat(hub.get("/api/admin/dead-letters").statusCode()).isEqualTo(401);
        assertThat(get("/api/admin/dead-letters/abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/admin/dead-letters/999999").statusCode()).isEqualTo(404);
        assertThat(post("/api/admin/dead-letters/999999/replay", "").statusCode()).isEqualTo(404);
        assertThat(get("/api/admin/dead-letters?status=LOST").statusCode()).isEqualTo(400);
        assertThat(get("/api/admin/dead-letters?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get("/api/admin/dead-letters?limit=100000").statusCode()).isEqualTo(400);
        HttpResponse<String> badJson = post("/api/admin/dead-letters/replay", "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("\"error\":\"invalid_json\"");
        assertThat(post("/api/admin/dead-letters/replay", "{\"all\":\"" + "x".repeat(20_000) + "\"}").statusCode())
                .isEqualTo(413);
    }

    @Test
    void unknownPathsAnswerJson404() {
        HttpResponse<String> r = hub.get("/no/such/thing");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"error\":\"not_found\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void messageJourneyShowsStatusEventsRouteAndDeadLetterHistory() throws Exception {
        MessageStore messages = hub.bean("messageStore", MessageStore.class);
        long pk = messages.insert(MessageRecord.newMessage(Direction.IN, "journey-1", "Sync.Journey", "T1",
                "lid://erp", "lid://hub", "{}", "<x/>", "RECEIVED")).orElseThrow();
        messages.updateStatus(pk, "ROUTED", "ops-test-deliver", "dispatch rule 3");
        long id = deadLetter("Sync.Journey", "<x/>", Map.of(DeadLetterRecorder.MESSAGE_PK, pk,
                DeadLetterRecorder.MESSAGE_ID, "journey-1"));
        post("/api/admin/dead-letters/" + id + "/discard", "{\"reason\":\"test\"}");

        HttpResponse<String> r = get("/api/admin/messages/journey-1");
        JsonNode m = json(r).path("messages").get(0);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(m.path("direction").asText()).isEqualTo("IN");
        assertThat(m.path("status").asText()).isEqualTo("ROUTED");
        assertThat(m.path("route").asText()).isEqualTo("ops-test-deliver");
        assertThat(m.path("events")).extracting(e -> e.path("event").asText()).containsExactly("RECEIVED", "ROUTED",
                "DEAD_LETTER", "DEAD_LETTER_DISCARDED");
        assertThat(m.path("deadLetters").get(0).path("id").asLong()).isEqualTo(id);
        assertThat(m.path("deadLetters").get(0).path("history").get(0).path("action").asText()).isEqualTo("DISCARDED");
        assertThat(get("/api/admin/messages/journey-1?direction=OUT").statusCode()).isEqualTo(404);
        assertThat(get("/api/admin/messages/journey-1?direction=SIDEWAYS").statusCode()).isEqualTo(400);
    }

    private long deadLetter(String documentName, String body) {
        return deadLetter(documentName, body, Map.of());
    }

    private long deadLetter(String documentName, String body, Map<String, Object> extra) {
        Map<String, Object> headers = new HashMap<>(extra);
        headers.put(DeadLetterRecorder.DOCUMENT_NAME, documentName);
        headers.put("Origin", "erp");
        var exchange = hub.context().createProducerTemplate().send("direct:ops-test-deliver", e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(headers);
        });
        Long id = exchange.getMessage().getHeader(DeadLetterRecorder.DEAD_LETTER_ID, Long.class);
        assertThat(id).as("dead letter id of " + body).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> store().find(id).isPresent());
        return id;
    }

    private static DeadLetterStore store() {
        return hub.bean("deadLetterStore", DeadLetterStore.class);
    }

    private static HttpResponse<String> get(String path) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("X-API-Key", KEY).GET().build());
    }

    private static HttpResponse<String> post(String path, String body) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).header("X-API-Key", KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
