package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ion.FakeIon;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Benchmark 2: BODs queued through POST /api/ion/outbox until the hub has delivered every one to the
 * test FakeIon (status SENT). Four document names, so the default hub.ion.parallelism (4) can be used:
 * each document name goes out in order, one at a time.
 */
final class OutboxDrainBench {

    private static final String API_KEY = "bench-api-key-not-real";
    private static final List<String> DOCUMENTS = List.of("SyncSalesOrder", "AcknowledgeSalesOrder",
            "SyncServiceOrder", "ProcessSalesOrder");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchSettings settings;

    OutboxDrainBench(BenchSettings settings) {
        this.settings = settings;
    }

    /** Two rows: the enqueue calls (202 = committed as QUEUED) and the drain (first enqueue → last SENT). */
    List<LoadResult> run(Path workDir) throws IOException, InterruptedException, SQLException {
        BenchDatabase db = BenchDatabase.h2(workDir);
        try (FakeIon ion = FakeIon.start()) {
            ion.acceptedDocuments(DOCUMENTS.stream().map(d -> "{\"documentName\":\"" + d + "\"}")
                    .collect(Collectors.joining(",", "[", "]")));
            Map<String, String> env = new HashMap<>(db.hubEnvironment());
            env.put("HUB_ION_CREDENTIALS_FILE", ion.writeIonapi(workDir).toAbsolutePath().toString());
            env.put("HUB_API_KEY", API_KEY);
            Duration limit = Duration.ofSeconds(settings.maxSeconds());
            ClosedLoop.Outcome enqueued;
            long allSent;
            int messages = settings.outboxMessages();
            try (HubProcess hub = HubProcess.start(settings.jar(), workDir, env)) {
                awaitUntil(() -> ion.calls(FakeIon.ACCEPTED) > 0, limit); // session initialised
                String bod = new String(ImsRequests.fixture("ion/SyncSalesOrder.xml"), StandardCharsets.UTF_8);
                URI outbox = URI.create(hub.url("/api/ion/outbox"));
                enqueued = new ClosedLoop(limit).run(settings.outboxClients(), messages,
                        i -> enqueueRequest(outbox, DOCUMENTS.get(i % DOCUMENTS.size()), bod),
                        (i, response) -> response.statusCode() == 202 ? messageId(response.body()) : null);
                int expected = enqueued.acknowledged().size();
                awaitUntil(() -> ion.calls(FakeIon.MESSAGE) >= expected, limit);
                allSent = System.nanoTime();
            }
            Set<String> delivered = ion.received().stream().map(FakeIon.Received::messageId)
                    .collect(Collectors.toSet());
            Map<String, String> statuses = db.statuses("OUT", "");
            int stored = (int) enqueued.acknowledged().stream().filter(statuses::containsKey).count();
            int sent = (int) enqueued.acknowledged().stream()
                    .filter(id -> "SENT".equals(statuses.get(id)) && delivered.contains(id)).count();
            double drainSeconds = (allSent - enqueued.startNanos()) / 1e9;
            LoadResult enqueue = new LoadResult("outbox-enqueue", db.name(), settings.outboxClients(),
                    enqueued.sent(), enqueued.acknowledged(), enqueued.failed(), enqueued.seconds(),
                    enqueued.latencies(), stored, enqueued.note(messages));
            LoadResult drain = new LoadResult("outbox-drain (enqueue→SENT)", db.name(), DOCUMENTS.size(),
                    enqueued.acknowledged().size(), enqueued.acknowledged(), 0, drainSeconds, null, sent,
                    "SENT and received by FakeIon; " + ion.calls(FakeIon.PING) + " pings");
            return List.of(enqueue, drain);
        }
    }

    private static HttpRequest enqueueRequest(URI outbox, String documentName, String bod) {
        try {
            String body = JSON.writeValueAsString(Map.of("documentName", documentName, "payload", bod,
                    "toLogicalId", "lid://infor.m3.acme"));
            return HttpRequest.newBuilder(outbox).header("Content-Type", "application/json")
                    .header("X-API-Key", API_KEY).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(String body) {
        try {
            return JSON.readTree(body).path("messageId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits for the condition at most limit; the caller's verification reports what did not arrive. */
    private static void awaitUntil(BooleanSupplier condition, Duration limit) {
        try {
            // 5 ms polls keep the measured drain time precise
            Awaitility.await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException timedOut) {
            // the run's verdict says what is missing
        }
    }
}
