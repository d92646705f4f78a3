package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.ion.FakeIon;
import io.switchboard.store.Migrations;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Outbox drain: N QUEUED rows (≥ 8 document names, round robin) are seeded straight into a fresh
 * store through JDBC, then the hub starts against FakeIon on loopback and drains. W warm-up rows
 * (BENCH_OUTBOX_WARMUP) are seeded on top of the N, oldest first: the rate is taken over a steady-state window
 * that opens once they are sent — the backlog is then exactly N and the JVM warm — and closes after
 * BENCH_OUTBOX_SECONDS or before the backlog's tail (the last tenth of N: fewer keys with rows, lanes running
 * dry), whichever comes first, so 10 k and 1 M queued rows are compared in the same state of the drain. Verified afterwards: each document name arrived in
 * order without repeats, and every message FakeIon received is SENT in the store.
 */
final class OutboxDrainBench {

    static final List<String> DOCUMENTS = List.of("SyncSalesOrder", "AcknowledgeSalesOrder", "SyncServiceOrder",
            "ProcessSalesOrder", "SyncItemMaster", "SyncCustomerPartyMaster", "ProcessPurchaseOrder",
            "SyncShipment");
    private static final String SEED = "INSERT INTO message (direction, message_id, document_name, to_logical_id,"
            + " parameters, status, created_at, updated_at) VALUES ('OUT',?,?,?,?,'QUEUED',?,?)";
    private static final String SEED_PAYLOAD = "INSERT INTO message_payload (message_pk, payload)"
            + " SELECT id, ? FROM message WHERE direction = 'OUT' AND message_id = ?";

    // a window ends mid-drain: sends in flight at the stop may not have their SENT commit yet
    private static final int IN_FLIGHT_AT_STOP = 256;

    private final BenchSettings settings;

    OutboxDrainBench(BenchSettings settings) {
        this.settings = settings;
    }

    OutboxDrainRun run(int queued, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        BenchDatabase db = BenchDatabase.h2(workDir);
        long seedStart = System.nanoTime();
        boolean whole = settings.smoke() || queued <= 0;
        int warmup = whole ? 0 : settings.outboxWarmupMessages();
        seed(db, warmup + queued);
        System.out.printf("bench: seeded %d queued rows (+ %d warm-up) in %.1f s%n", queued, warmup,
                (System.nanoTime() - seedStart) / 1e9);
        BenchMain.flushWrites(); // the seed's (and earlier parts') writeback done before the hub starts
        try (FakeIon ion = FakeIon.start()) {
            ion.acceptedDocuments(DOCUMENTS.stream().map(d -> "{\"documentName\":\"" + d + "\"}")
                    .collect(Collectors.joining(",", "[", "]")));
            Map<String, String> env = new HashMap<>(db.hubEnvironment());
            env.put("HUB_ION_CREDENTIALS_FILE", ion.writeIonapi(workDir).toAbsolutePath().toString());
            int measured;
            double seconds;
            long firstSendMillis;
            long cpuMillis;
            double warmupSeconds;
            String loadBefore = BenchMain.loadAverage1();
            // the largest backlog's hub is profiled when BENCH_OUTBOX_PROFILE is set (JFR costs a little speed)
            boolean profiled = settings.outboxProfile()
                    && queued == settings.outboxQueued().stream().mapToInt(Integer::intValue).max().orElse(0);
            Path jfr = profiled ? workDir.resolve("hub.jfr") : null;
            // started = listening: the drain is timed from FakeIon's first message, not from health
            try (HubProcess hub = HubProcess.startListening(settings, workDir, env, jfr)) {
                long started = System.nanoTime();
                await(() -> ion.calls(FakeIon.MESSAGE) > 0, Duration.ofMinutes(3));
                firstSendMillis = (System.nanoTime() - started) / 1_000_000;
                // the window opens once the warm-up rows are sent (JIT): otherwise a short window measures
                // mostly the compiler, and the smallest backlog, drained right after start, looks slowest
                long firstSend = System.nanoTime();
                await(() -> ion.calls(FakeIon.MESSAGE) >= Math.max(1, warmup), Duration.ofMinutes(5));
                long first = System.nanoTime();
                warmupSeconds = (first - firstSend) / 1e9;
                long cpuAtFirst = hub.cpuMillis();
                int atFirst = ion.calls(FakeIon.MESSAGE);
                // the smoke drains everything; a measurement stops before the tail, where keys run dry one by one
                int windowEnd = whole ? queued : warmup + queued - queued / 10;
                await(() -> ion.calls(FakeIon.MESSAGE) >= windowEnd, Duration.ofSeconds(settings.outboxSeconds()));
                long end = System.nanoTime();
                measured = ion.calls(FakeIon.MESSAGE) - atFirst;
                cpuMillis = hub.cpuMillis() - cpuAtFirst;
                seconds = (end - first) / 1e9;
                if (whole) {
                    // smoke: let the last SENT commits land before the graceful stop
                    await(() -> IngestMatrix.queueDepth(hub, "OUT", "QUEUED") == 0,
                            Duration.ofSeconds(settings.outboxSeconds()));
                }
            }
            List<FakeIon.Received> received = ion.received();
            String problem = orderProblem(received);
            Set<String> sent = sentIds(db);
            long receivedNotSent = received.stream().map(FakeIon.Received::messageId).distinct()
                    .filter(id -> !sent.contains(id)).count();
            String verdict;
            if (problem != null) {
                verdict = "ORDER " + problem;
            } else if (whole && (received.size() != queued || sent.size() != queued)) {
                verdict = "MISSING received " + received.size() + " SENT " + sent.size() + " of " + queued;
            } else if (received.isEmpty() || receivedNotSent > (whole ? 0 : IN_FLIGHT_AT_STOP)) {
                verdict = "NOT SENT " + receivedNotSent;
            } else {
                verdict = "ok";
            }
            String note = "received " + received.size() + ", SENT " + sent.size()
                    + (receivedNotSent > 0 ? ", received but not yet SENT at stop " + receivedNotSent : "");
            String profile = null;
            if (jfr != null) {
                try {
                    profile = Files.isRegularFile(jfr) ? CpuProfile.summarise(jfr) : "no recording\n";
                } catch (Exception e) {
                    profile = "profile not readable: " + e + "\n";
                }
            }
            return new OutboxDrainRun("H2", queued, DOCUMENTS.size(), measured, seconds, firstSendMillis,
                    ion.calls(FakeIon.PING), verdict, note, loadBefore, BenchMain.loadAverage1(), profile, cpuMillis,
                    warmup, warmupSeconds);
        }
    }

    /** Per document name the seed order (…-seq) must be strictly increasing. */
    private static String orderProblem(List<FakeIon.Received> received) {
        Map<String, Long> last = new HashMap<>();
        for (FakeIon.Received r : received) {
            String id = r.messageId();
            long seq = Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
            String document = r.documentName();
            Long before = last.put(document, seq);
            if (before != null && seq <= before) {
                return document + " " + seq + " after " + before;
            }
        }
        return null;
    }

    private static void seed(BenchDatabase db, int queued) throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(db.url());
            ds.setUsername(db.user());
            ds.setPassword(db.password());
            Migrations.migrate(ds);
            // one INSERT … SELECT per 100 000 rows inside H2: seeding a million rows row by row over JDBC
            // took ~10 minutes on the shared machine; same rows, same order, ordering key as the hub sets it
            String names = DOCUMENTS.stream().map(d -> "'" + d + "'").collect(Collectors.joining(","));
            try (Connection c = ds.getConnection(); var statement = c.createStatement()) {
                for (int from = 0; from < queued; from += 100_000) {
                    int to = Math.min(queued, from + 100_000) - 1;
                    statement.executeUpdate("INSERT INTO message (direction, message_id, document_name, ordering_key,"
                            + " to_logical_id, parameters, status, created_at, updated_at)"
                            + " SELECT 'OUT', 'q-' || d || '-' || x, d, d, 'lid://infor.m3.acme',"
                            + " '{\"documentName\":\"' || d || '\",\"messageId\":\"q-' || d || '-' || x"
                            + " || '\",\"toLogicalId\":\"lid://infor.m3.acme\"}', 'QUEUED', CURRENT_TIMESTAMP,"
                            + " CURRENT_TIMESTAMP FROM (SELECT X AS x, ARRAY[" + names + "][MOD(X, " + DOCUMENTS.size()
                            + ") + 1] AS d FROM SYSTEM_RANGE(" + from + ", " + to + ") ORDER BY X)");
                    // the BOD in its own table (V8), for the rows just added (ids grow)
                    statement.executeUpdate("INSERT INTO message_payload (message_pk, payload) SELECT id,"
                            + " '<' || document_name || ' xmlns=\"http://schema.infor.com/InforOAGIS/2\"><DataArea>"
                            + "<DocumentID><ID>D-' || SUBSTRING(message_id, LENGTH(document_name) + 4) || '</ID>"
                            + "</DocumentID></DataArea></' || document_name || '>' FROM message WHERE id >"
                            + " (SELECT COALESCE(MAX(message_pk), 0) FROM message_payload) ORDER BY id");
                }
            }
        }
    }

    /** Row by row over JDBC (kept for databases without SYSTEM_RANGE). */
    static void seedOverJdbc(BenchDatabase db, int queued) throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(db.url());
            ds.setUsername(db.user());
            ds.setPassword(db.password());
            Migrations.migrate(ds);
            try (Connection c = ds.getConnection(); PreparedStatement insert = c.prepareStatement(SEED);
                    PreparedStatement payload = c.prepareStatement(SEED_PAYLOAD)) {
                c.setAutoCommit(false);
                Timestamp now = new Timestamp(System.currentTimeMillis());
                for (int i = 0; i < queued; i++) {
                    String document = DOCUMENTS.get(i % DOCUMENTS.size());
                    String id = "q-" + document + "-" + i;
                    insert.setString(1, id);
                    insert.setString(2, document);
                    insert.setString(3, "lid://infor.m3.acme");
                    insert.setString(4, "{\"documentName\":\"" + document + "\",\"messageId\":\"" + id
                            + "\",\"toLogicalId\":\"lid://infor.m3.acme\"}");
                    insert.setTimestamp(5, now);
                    insert.setTimestamp(6, now);
                    insert.addBatch();
                    payload.setString(1, bod(document, i));
                    payload.setString(2, id);
                    payload.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                        payload.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                payload.executeBatch();
                c.commit();
            }
        }
    }

    /** A small well-formed BOD of the document name; the payload size does not change the claim cost. */
    private static String bod(String document, int i) {
        return "<" + document + " xmlns=\"http://schema.infor.com/InforOAGIS/2\"><DataArea><DocumentID><ID>D-" + i
                + "</ID></DocumentID></DataArea></" + document + ">";
    }

    private static Set<String> sentIds(BenchDatabase db) throws Exception {
        Set<String> sent = new HashSet<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                PreparedStatement q = c.prepareStatement(
                        "SELECT message_id FROM message WHERE direction = 'OUT' AND status = 'SENT'")) {
            try (var rs = q.executeQuery()) {
                while (rs.next()) {
                    sent.add(rs.getString(1));
                }
            }
        }
        return sent;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition, Duration limit) {
        try {
            // 5 ms polls keep the measured drain time precise
            Awaitility.await().atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(condition);
        } catch (ConditionTimeoutException timedOut) {
            // the verdict says what did not arrive
        }
    }

    /**
     * Every backlog drained BENCH_OUTBOX_REPEATS times by fresh hubs, in rounds (10 k, 100 k, 1 M, 10 k, …) so that
     * the machine's drift reaches every backlog alike; each backlog reported by its median drain.
     */
    static List<OutboxDrainRun> runAll(BenchSettings settings, Path workDir) {
        Map<Integer, List<OutboxDrainRun>> byBacklog = new LinkedHashMap<>();
        int rounds = settings.smoke() ? 1 : Math.max(1, settings.outboxRepeats());
        for (int round = 1; round <= rounds; round++) {
            for (int queued : settings.outboxQueued()) {
                System.out.println("bench: outbox drain, " + queued + " queued rows, drain " + round + " of " + rounds);
                OutboxDrainRun run;
                Path dir = workDir.resolve("outbox-" + queued + (round == 1 ? "" : "-" + round));
                try {
                    run = new OutboxDrainBench(settings).run(queued, dir);
                    // nine drains left 54 GB of H2 files by the end of a run: a verified drain's files go at once
                    if (run.ok() && !Boolean.parseBoolean(System.getenv("BENCH_KEEP_DATABASES"))) {
                        BenchMain.deleteDatabaseFiles(dir);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    run = new OutboxDrainRun("H2", queued, DOCUMENTS.size(), 0, 0, 0, 0, "BROKE " + e.getMessage(), "",
                            "", BenchMain.loadAverage1(), null, 0, 0, 0);
                }
                System.out.printf(Locale.ROOT, "bench: outbox drain, %d queued: %.0f msg/s, %.3f ms CPU/msg, %s%n",
                        queued, run.perSecond(), run.cpuMillisPerMessage(), run.verdict());
                byBacklog.computeIfAbsent(queued, q -> new ArrayList<>()).add(run);
            }
        }
        return byBacklog.values().stream().map(OutboxDrainRun::median).toList();
    }
}
