package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.vertx.core.buffer.Buffer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The intake matrix on one database: the hub and the bare ceiling (and the ceiling with fsync on H2)
 * run side by side, each on its own fresh store; every cell (connections × BOD size) runs on each
 * server in turn (the order alternates per cell), driven by the same VertxLoad. After each hub run the
 * dispatch backlog is read from /observe/metrics and awaited to zero, so the cells do not overlap.
 */
final class IngestMatrix {

    static final String HUB = "hub";
    /** The hub with a rule that routes the bench's documents (a log target, its logger off): the worker's path. */
    static final String HUB_ROUTED = "hub-routed";
    static final String CEILING = "ceiling";
    static final String CEILING_FSYNC = "ceiling+fsync";
    private static final String PATH = "/ims/service/v3/multipartMessage";

    private record Server(String name, HubProcess process, BenchDatabase db, String expectedStatus) {
    }

    private final BenchSettings settings;
    private final Map<String, Integer> warmups = new LinkedHashMap<>();

    IngestMatrix(BenchSettings settings) {
        this.settings = settings;
    }

    /** Runs every cell; dbFactory makes a fresh store per server (named by the server). */
    List<IngestCell> run(String database, Function<String, BenchDatabase> dbFactory, Path workDir) throws Exception {
        List<Server> servers = new ArrayList<>();
        List<IngestCell> cells = new ArrayList<>();
        try (VertxLoad load = new VertxLoad()) {
            servers.add(startCeiling(CEILING, dbFactory.apply(CEILING), workDir.resolve(CEILING), false));
            if (settings.ceilingFsync() && database.startsWith("H2")) {
                servers.add(startCeiling(CEILING_FSYNC, dbFactory.apply(CEILING_FSYNC), workDir.resolve("fsync"), true));
            }
            servers.add(startHub(dbFactory.apply(HUB), workDir.resolve(HUB), false));
            if (settings.routedHub()) {
                servers.add(startHub(dbFactory.apply(HUB_ROUTED), workDir.resolve(HUB_ROUTED), true));
            }
            if (settings.warmupSeconds() > 0) {
                for (Server s : servers) {
                    warmUntilSteady(load, database, s);
                }
            }
            int cell = 0;
            for (int sizeKib : settings.sizesKib()) {
                for (int connections : settings.connections()) {
                    List<Server> order = new ArrayList<>(servers);
                    if (cell++ % 2 == 1) {
                        java.util.Collections.reverse(order); // interleaved: neither side always runs first
                    }
                    for (Server s : order) {
                        if ((s.name().equals(CEILING_FSYNC) || s.name().equals(HUB_ROUTED))
                                && sizeKib != settings.sizesKib().get(0)) {
                            continue; // the fsync ceiling and the routed hub only for the smallest BODs
                        }
                        System.out.printf("bench: %s %s %d connections %d KiB%n", database, s.name(), connections,
                                sizeKib);
                        cells.add(measure(load, database, s, connections, sizeKib, settings.cellSeconds(), null));
                    }
                }
            }
        } finally {
            for (Server s : servers) {
                s.process().close();
            }
        }
        List<IngestCell> verified = new ArrayList<>();
        for (IngestCell c : cells) {
            Server s = servers.stream().filter(x -> x.name().equals(c.server())).findFirst().orElseThrow();
            Map<String, String> stored = s.db().statuses("IN", tag(c.server(), c.sizeKib(), c.connections()) + "-");
            Map<String, Long> byStatus = new TreeMap<>(c.acknowledged().stream().filter(stored::containsKey)
                    .collect(Collectors.groupingBy(stored::get, Collectors.counting())));
            verified.add(c.verified((int) c.acknowledged().stream().filter(stored::containsKey).count(), byStatus));
        }
        return verified;
    }

    private Server startCeiling(String name, BenchDatabase db, Path dir, boolean fsync) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>(db.hubEnvironment());
        env.put("CEILING_FSYNC", String.valueOf(fsync));
        return new Server(name, HubProcess.startCeiling(dir, env), db, "RECEIVED");
    }

    private Server startHub(BenchDatabase db, Path dir, boolean routed) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>(db.hubEnvironment());
        env.putAll(hubImsEnvironment());
        if (!routed) {
            // UNROUTED: no rule of routes/dispatch.camel.yaml matches a sales order (stored so at intake)
            return new Server(HUB, HubProcess.start(settings, dir, env), db, "UNROUTED");
        }
        // ROUTED: the table's test-tenant rule takes every document of the bench's tenant to a log target, on
        // the dispatch workers (claim-free lease, table, delivery, final status); its INFO lines are off
        env.put("HUB_DISPATCH_RULE_TEST_TENANT_ENABLED", "true");
        env.put("HUB_DISPATCH_RULE_TEST_TENANT_TENANT", ImsRequests.TENANT);
        env.put("HUB_LOG_LEVEL", "WARN");
        return new Server(HUB_ROUTED, HubProcess.start(settings, dir, env), db, "ROUTED");
    }

    /** Either hub (not a ceiling): its dispatch backlog is measured. */
    static boolean isHub(String server) {
        return server.equals(HUB) || server.equals(HUB_ROUTED);
    }

    static Map<String, String> hubImsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HUB_IMS_AUTH_MODE", "basic");
        env.put("HUB_IMS_AUTH_USER", ImsRequests.USER);
        env.put("HUB_IMS_AUTH_PASSWORD", ImsRequests.PASSWORD);
        env.put("HUB_IMS_TENANTS", ImsRequests.TENANT);
        return env;
    }

    static String tag(String server, int sizeKib, int connections) {
        return server.replace("+", "-") + "-" + sizeKib + "k-c" + connections;
    }

    /**
     * Warm-up in slices of BENCH_WARMUP_SECONDS (16 connections, 1 KiB) until the server's CPU per message stops
     * falling (two slices in a row within 5 % of the one before, and not before BENCH_WARMUP_MIN_SECONDS) or
     * BENCH_WARMUP_MAX_SECONDS: on 2 busy cores the
     * hub's JIT needs ~40 s of load, the ceiling's ~30 s, and a cell measured before reads the compiler.
     */
    private void warmUntilSteady(VertxLoad load, String database, Server s) throws Exception {
        long start = System.nanoTime();
        long deadline = start + settings.warmupMaxSeconds() * 1_000_000_000L;
        // a plateau while C2 is still compiling looks steady too: none ends the warm-up before the minimum
        long earliest = start + settings.warmupMinSeconds() * 1_000_000_000L;
        double before = Double.NaN;
        int flat = 0;
        for (int slice = 1; ; slice++) {
            IngestCell warm = measure(load, database, s, 16, 1, settings.warmupSeconds(), "warmup" + slice);
            double cpu = warm.cpuMillisPerMessage();
            System.out.printf(Locale.ROOT, "bench: %s warm-up %s slice %d: %.0f msg/s, %.3f ms CPU/msg%n",
                    database, s.name(), slice, warm.perSecond(), cpu);
            flat = cpu > 0 && !Double.isNaN(before) && cpu >= before * 0.95 ? flat + 1 : 0;
            long now = System.nanoTime();
            if ((flat >= 2 && now >= earliest) || now >= deadline) {
                warmups.put(database + " " + s.name(), slice * settings.warmupSeconds());
                return;
            }
            before = cpu;
        }
    }

    /** Seconds each server warmed up before its cells ("database server" → seconds), for the report's header. */
    Map<String, Integer> warmups() {
        return warmups;
    }

    private IngestCell measure(VertxLoad load, String database, Server s, int connections, int sizeKib, int seconds,
            String warmupTag) throws Exception {
        byte[] payload = ImsRequests.bodOfSize(sizeKib * 1024);
        String tag = warmupTag != null ? s.name().replace("+", "-") + "-" + warmupTag
                : tag(s.name(), sizeKib, connections);
        Map<String, String> headers = Map.of("Authorization", ImsRequests.authorization(),
                "X-TenantId", ImsRequests.TENANT);
        long cpuBefore = s.process().cpuMillis();
        VertxLoad.Outcome outcome = load.run(s.process().port(), PATH, headers, connections,
                Duration.ofSeconds(seconds), Integer.MAX_VALUE, i -> {
                    String id = tag + "-" + i;
                    return new VertxLoad.Request(id, Buffer.buffer(ImsRequests.body(id, payload, "NONE")),
                            ImsRequests.contentType());
                });
        long backlog = 0;
        double catchUp = 0;
        if (isHub(s.name())) {
            long stopped = System.nanoTime();
            backlog = received(s.process());
            catchUp = (awaitNoBacklog(s.process()) - stopped) / 1e9;
        }
        long cpu = s.process().cpuMillis() - cpuBefore; // the hub's includes dispatching the cell's backlog
        int acknowledged = outcome.acknowledged().size();
        return new IngestCell(database, s.name(), connections, sizeKib, payload.length, outcome.sent(),
                outcome.acknowledged(), outcome.failures(), outcome.seconds(), outcome.latencies(),
                acknowledged == 0 ? 0 : (double) cpu / acknowledged, backlog, catchUp, 0, Map.of(),
                s.expectedStatus());
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** IN rows still RECEIVED (waiting for dispatch), from the hub's Prometheus metrics. */
    static long received(HubProcess hub) throws IOException, InterruptedException {
        return gauge(hub, "switchboard_dispatch_pending");
    }

    /** A gauge without tags from the hub's Prometheus metrics (0 when absent). */
    static long gauge(HubProcess hub, String name) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})?\\s+([0-9.eE+]+)").matcher(metrics(hub));
        return m.find() ? (long) Double.parseDouble(m.group(2)) : 0;
    }

    private static String metrics(HubProcess hub) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(hub.url("/observe/metrics")))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Rows of a direction in a status, from the hub's Prometheus metrics (the store is the hub's while it runs). */
    static long queueDepth(HubProcess hub, String direction, String status) throws IOException,
            InterruptedException {
        String metrics = metrics(hub);
        Matcher m = Pattern.compile("switchboard_queue_depth\\{[^}]*direction=\"" + direction + "\"[^}]*status=\""
                + status + "\"[^}]*}\\s+([0-9.eE+]+)").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** Waits until the hub dispatched everything it holds (and its store agrees); returns when the first was seen. */
    static long awaitNoBacklog(HubProcess hub) {
        long cleared = System.nanoTime();
        try {
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> received(hub) == 0);
            cleared = System.nanoTime();
            // then the store agrees (its gauge is read at most once per hub.metrics.store-refresh-ms)
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250)).until(() -> queueDepth(hub, "IN", "RECEIVED") == 0);
        } catch (ConditionTimeoutException e) {
            System.out.println("bench: dispatch backlog not cleared within 5 minutes");
        }
        return cleared;
    }
}
