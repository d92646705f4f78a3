package io.switchboard.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.switchboard.alert.FakePushover;
import io.switchboard.chat.FakeI2a;
import io.switchboard.ion.FakeIon;
import org.awaitility.Awaitility;

/**
 * One crash run: fakes for ION, I2A and Pushover on loopback, 1 or 2 hub jars on one database, the
 * workload streaming, kill -9 of a random instance at random points of progress, restarts, then the
 * checks at the fakes and in the store.
 */
final class CrashRun {

    static final String I2A_SECRET = "reliability-i2a-secret-42";
    private static final Pattern INSTANCE = Pattern.compile("event=hub-instance instance=(\\S+)");
    private static final Pattern ROOM_KEY = Pattern.compile("Service order (WO-R\\d+) escalated");
    private static final Duration LEASE = Duration.ofSeconds(5);

    private final Path jar;
    private final Path fixtures;
    private final String dbUrl;
    private final String dbLabel;
    private final int instances;
    private final int kills;
    private final int imsPerSecond;
    private final Path workDir;

    CrashRun(Path jar, Path fixtures, String dbUrl, String dbLabel, int instances, int kills, int imsPerSecond)
            throws IOException {
        this.jar = jar;
        this.fixtures = fixtures;
        this.dbUrl = dbUrl;
        this.dbLabel = dbLabel;
        this.instances = instances;
        this.kills = kills;
        this.imsPerSecond = imsPerSecond;
        this.workDir = Files.createTempDirectory("switchboard-reliability");
    }

    RunResult run() throws Exception {
        long t0 = System.nanoTime();
        try (FakeIon ion = FakeIon.start(); FakeI2a i2a = FakeI2a.start(I2A_SECRET);
                FakePushover pushover = FakePushover.start()) {
            ion.acceptedDocuments("[{\"documentName\":\"SyncReliabilityProbe\"}]");
            Map<String, String> env = environment(ion, i2a, pushover);
            List<HubJar> hubs = new ArrayList<>();
            for (int i = 1; i <= instances; i++) {
                HubJar hub = new HubJar(jar, workDir, "hub" + i, env);
                hub.start();
                hubs.add(hub);
            }
            try {
                seedDirectory(hubs.get(0));
                Workload load = new Workload(hubs, fixtures);
                load.start(imsPerSecond, Math.max(1, imsPerSecond / 2));
                int takenOver = 0;
                for (int k = 0; k < kills; k++) {
                    // a random moment, measured in progress: the outbox is being sent when the kill comes
                    int before = ion.received().size();
                    int progress = ThreadLocalRandom.current().nextInt(3, 30);
                    Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> ion.received().size() >= before + progress);
                    HubJar victim = hubs.get(ThreadLocalRandom.current().nextInt(hubs.size()));
                    String victimId = instanceId(victim);
                    victim.kill();
                    System.out.printf("event=reliability-kill n=%d instance=%s db=%s%n", k + 1, victim.name(), dbLabel);
                    if (instances > 1) {
                        // the survivor takes the victim's leased outbox keys over once the lease ran out
                        takenOver += leasedBy(victimId);
                        Awaitility.await().atMost(LEASE.multipliedBy(6)).until(() -> leasedBy(victimId) == 0
                                && stillQueuedBy(victimId) == 0);
                    }
                    victim.start();
                }
                load.stop();
                int takenOverTotal = takenOver;
                Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> settled(load, ion));
                RunResult result = check(load, ion, i2a, pushover, takenOverTotal,
                        Duration.ofNanos(System.nanoTime() - t0).toSeconds());
                for (HubJar hub : hubs) {
                    hub.terminate(Duration.ofSeconds(60));
                }
                int leaks = SecretScan.leaks(secrets(ion), hubs.stream().flatMap(h -> h.logs().stream()).toList(),
                        load.answers);
                return withLeaks(result, leaks);
            } finally {
                for (HubJar hub : hubs) {
                    hub.kill();
                }
            }
        }
    }

    private Map<String, String> environment(FakeIon ion, FakeI2a i2a, FakePushover pushover) {
        Map<String, String> env = new HashMap<>();
        env.put("HUB_DB_URL", dbUrl);
        env.put("HUB_IMS_AUTH_USER", ImsPost.USER);
        env.put("HUB_IMS_AUTH_PASSWORD", ImsPost.PASSWORD);
        env.put("HUB_API_KEY", Workload.API_KEY);
        env.put("HUB_ION_CREDENTIALS_FILE", ion.writeIonapi(workDir).toString());
        env.put("HUB_ION_POLL_INTERVAL", "100");
        env.put("HUB_ION_LEASE", String.valueOf(LEASE.toMillis()));
        env.put("HUB_ION_REQUEST_TIMEOUT", "3000");
        env.put("HUB_I2A_URL", i2a.url());
        env.put("HUB_I2A_APP_SECRET", I2A_SECRET);
        env.put("HUB_PUSHOVER_URL", pushover.url());
        env.put("HUB_PUSHOVER_TOKEN", FakePushover.TOKEN);
        env.put("HUB_PUSHOVER_USER", FakePushover.USER);
        env.put("HUB_PUSHOVER_POLL_INTERVAL", "100");
        env.put("HUB_PUSHOVER_BATCH_SIZE", "50");
        env.put("HUB_PUSHOVER_LEASE", String.valueOf(LEASE.toMillis()));
        env.put("HUB_PUSHOVER_SLOT_LEASE", String.valueOf(LEASE.toMillis()));
        env.put("HUB_PUSHOVER_WINDOW", "1000");
        env.put("HUB_REDELIVERY_CHAT_INITIAL_DELAY", "200");
        env.put("HUB_REDELIVERY_DISPATCH_INITIAL_DELAY", "200");
        env.put("HUB_IMS_DISPATCH_RECOVER_AFTER", "10000");
        env.put("HUB_IMS_DISPATCH_RECOVERY_INTERVAL", "2000");
        env.put("HUB_INSTANCE_HEARTBEAT_INTERVAL", "2000");
        return env;
    }

    private void seedDirectory(HubJar hub) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String user : List.of("john.doe", "foo.bar")) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.url("/api/directory/users/" + user)))
                    .header("X-API-Key", Workload.API_KEY).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"cloudUsername\":\"" + user + "\"}"))
                    .build();
            int status = http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("directory user " + user + " answered " + status);
            }
        }
    }

    /** Everything acknowledged has reached its end state: no message waiting in the store, no alert queued. */
    private boolean settled(Workload load, FakeIon ion) throws SQLException {
        Map<String, String> inbound = inboundStatuses();
        boolean imsDone = load.imsAcknowledged.stream().allMatch(id -> isFinal(inbound.get(id)));
        Set<String> sent = ion.received().stream().map(FakeIon.Received::messageId).collect(Collectors.toSet());
        boolean outboxDone = sent.containsAll(load.outboxAcknowledged);
        return imsDone && outboxDone && count("SELECT COUNT(*) FROM alert WHERE status IN ('QUEUED','SENDING')") == 0;
    }

    private RunResult check(Workload load, FakeIon ion, FakeI2a i2a, FakePushover pushover, int takenOver,
            long seconds) throws SQLException {
        Map<String, String> inbound = inboundStatuses();
        int imsLost = (int) load.imsAcknowledged.stream().filter(id -> !inbound.containsKey(id)).count();
        int undelivered = (int) load.imsAcknowledged.stream().filter(id -> inbound.containsKey(id)
                && !isFinal(inbound.get(id))).count();
        int dead = (int) load.imsAcknowledged.stream().filter(id -> "DEAD".equals(inbound.get(id))).count();

        Map<String, Integer> roomsPerKey = new HashMap<>();
        Map<String, Integer> messagesPerKey = new HashMap<>();
        for (FakeI2a.Room room : i2a.rooms().values()) {
            Set<String> keys = new HashSet<>();
            for (String message : room.messages()) {
                Matcher m = ROOM_KEY.matcher(message);
                if (m.find()) {
                    keys.add(m.group(1));
                    messagesPerKey.merge(m.group(1), 1, Integer::sum);
                }
            }
            keys.forEach(k -> roomsPerKey.merge(k, 1, Integer::sum));
        }
        int roomsMissing = (int) load.escalationsAcknowledged.stream().filter(k -> !roomsPerKey.containsKey(k)).count();
        int roomsDuplicated = roomsPerKey.values().stream().mapToInt(n -> n - 1).sum();
        int messagesMissing = (int) load.escalationsAcknowledged.stream().filter(k -> !messagesPerKey.containsKey(k))
                .count();
        int messagesDuplicated = messagesPerKey.values().stream().mapToInt(n -> n - 1).sum();

        List<String> onWire = ion.received().stream().map(FakeIon.Received::messageId).toList();
        Set<String> distinct = new HashSet<>(onWire);
        int outboxLost = (int) load.outboxAcknowledged.stream().filter(id -> !distinct.contains(id)).count();
        int stuck = (int) count("SELECT COUNT(*) FROM alert WHERE status IN ('QUEUED','SENDING')");

        return new RunResult(dbLabel, instances, kills, seconds, load.imsPosts.get(), load.imsAcknowledged.size(),
                imsLost, undelivered, dead, load.escalationsAcknowledged.size(), roomsMissing, roomsDuplicated,
                messagesMissing, messagesDuplicated, load.outboxPosts.get(), load.outboxAcknowledged.size(),
                outboxLost, onWire.size() - distinct.size(), pushover.accepted().size(), stuck, takenOver, 0);
    }

    private static RunResult withLeaks(RunResult r, int leaks) {
        return new RunResult(r.database(), r.instances(), r.kills(), r.seconds(), r.imsPosts(), r.imsAcknowledged(),
                r.imsLost(), r.imsUndelivered(), r.imsDead(), r.escalations(), r.chatRoomsMissing(),
                r.chatRoomsDuplicated(), r.chatMessagesMissing(), r.chatMessagesOnWireDuplicated(), r.outboxPosts(),
                r.outboxAcknowledged(), r.outboxLost(), r.outboxWireDuplicates(), r.alertsSentToPushover(),
                r.alertsStuck(), r.claimsTakenOver(), leaks);
    }

    private List<String> secrets(FakeIon ion) {
        return List.of(ImsPost.PASSWORD, Workload.API_KEY, I2A_SECRET, FakePushover.TOKEN, FakePushover.USER,
                "client-secret-not-real", "exampleServiceAccountSecretKey-not-real");
    }

    private static boolean isFinal(String status) {
        return status != null && !status.equals("RECEIVED") && !status.equals("DISPATCHING");
    }

    private Map<String, String> inboundStatuses() throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT message_id, status FROM message WHERE direction = 'IN'"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                statuses.put(rs.getString(1), rs.getString(2));
            }
        }
        return statuses;
    }

    /** Ordering keys the instance holds an unexpired outbox lease on (outbox_lease, one row per key in flight). */
    private int leasedBy(String instanceId) throws SQLException {
        return (int) count("SELECT COUNT(*) FROM outbox_lease WHERE claimed_by = ? AND claimed_until > ?",
                instanceId, Timestamp.from(Instant.now()));
    }

    /** Keys still leased to the instance (even expired) with queued messages: not yet taken over. */
    private int stillQueuedBy(String instanceId) throws SQLException {
        return (int) count("SELECT COUNT(*) FROM outbox_lease l WHERE l.claimed_by = ? AND EXISTS (SELECT 1 FROM"
                + " message m WHERE m.direction = 'OUT' AND m.status = 'QUEUED' AND m.ordering_key = l.ordering_key)",
                instanceId);
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return dbUrl.startsWith("jdbc:h2:") ? DriverManager.getConnection(dbUrl, "switchboard", "")
                : DriverManager.getConnection(dbUrl);
    }

    private static String instanceId(HubJar hub) throws IOException {
        List<Path> logs = hub.logs();
        String log = Files.readString(logs.get(logs.size() - 1));
        Matcher m = INSTANCE.matcher(log);
        return m.find() ? m.group(1) : "unknown";
    }
}
