package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * `make bench`: starts the real jar (fresh store each time), runs the IMS inbound benchmark at each
 * concurrency, stops the hub, counts every acknowledged message in the store, then the outbox drain
 * benchmark; prints a Markdown table. Exit code 1 when any acknowledged message is missing, any
 * request failed, or any message ended in an unexpected status.
 */
public final class BenchMain {

    /**
     * What an unrouted sales order may be when the hub has stopped: UNROUTED, or not dispatched yet
     * (RECEIVED/DISPATCHING, dispatched at the next start). Anything else (DEAD …) fails the bench.
     */
    static final java.util.Set<String> EXPECTED_AT_STOP = java.util.Set.of("UNROUTED", "RECEIVED", "DISPATCHING");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromEnvironment();
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " missing: run make jar");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = Files.createDirectories(Path.of("target/bench-runs", stamp));
        String header = machine(settings);
        System.out.println(header);

        List<LoadResult> results = new ArrayList<>();
        results.addAll(imsInbound(settings, BenchDatabase.h2(runDir.resolve("ims-h2")), runDir.resolve("ims-h2")));
        if (!settings.postgresUrl().isBlank()) {
            Path dir = Files.createDirectories(runDir.resolve("ims-postgres"));
            BenchDatabase pg = BenchDatabase.freshPostgres(settings.postgresUrl());
            try {
                results.addAll(imsInbound(settings, pg, dir));
            } finally {
                pg.dropSchema();
            }
        }
        if (settings.outboxMessages() > 0) {
            System.out.println("bench: outbox drain, " + settings.outboxMessages() + " messages");
            results.addAll(new OutboxDrainBench(settings).run(Files.createDirectories(runDir.resolve("outbox"))));
        }

        String table = ResultTable.render(results);
        System.out.println();
        System.out.println(table);
        Files.writeString(runDir.resolve("results.md"), header + "\n\n" + table);
        System.out.println("bench: results and hub logs in " + runDir);
        if (results.stream().anyMatch(r -> !r.lostNothing())) {
            System.out.println("bench: FAILED, acknowledged messages are missing from the store");
            System.exit(1);
        }
        if (results.stream().anyMatch(r -> r.unexpected() > 0)) {
            System.out.println("bench: FAILED, messages ended in an unexpected status (expected " + EXPECTED_AT_STOP
                    + "; see the notes and each message's journey: GET /api/admin/messages/{id})");
            System.exit(1);
        }
        if (results.stream().anyMatch(r -> !r.verdict().equals("ok"))) {
            System.out.println("bench: FAILED, some requests were not answered with success (see the notes)");
            System.exit(1);
        }
    }

    /** Warm-up, then one run per concurrency on one hub; rows are counted after the hub stopped. */
    private static List<LoadResult> imsInbound(BenchSettings settings, BenchDatabase db, Path workDir)
            throws Exception {
        Files.createDirectories(workDir);
        Map<String, String> env = new HashMap<>(db.hubEnvironment());
        env.put("HUB_IMS_AUTH_MODE", "basic");
        env.put("HUB_IMS_AUTH_USER", ImsRequests.USER);
        env.put("HUB_IMS_AUTH_PASSWORD", ImsRequests.PASSWORD);
        env.put("HUB_IMS_TENANTS", ImsRequests.TENANT);
        Map<String, LoadResult> runs = new LinkedHashMap<>(); // run tag (message id prefix) -> result
        try (HubProcess hub = HubProcess.start(settings.jar(), workDir, env)) {
            ImsInboundBench bench = new ImsInboundBench(hub, db.name(), settings.encoding(),
                    Duration.ofSeconds(settings.maxSeconds()));
            if (settings.warmup() > 0) {
                System.out.println("bench: " + db.name() + " warm-up, " + settings.warmup() + " messages");
                runs.put("warmup", bench.run("ims-inbound warm-up", "warmup", 8, settings.warmup()));
            }
            for (int clients : settings.concurrency()) {
                System.out.println("bench: " + db.name() + " IMS inbound, " + clients + " clients, "
                        + settings.messages() + " messages");
                runs.put("c" + clients, bench.run("ims-inbound", "c" + clients, clients, settings.messages()));
            }
        }
        List<LoadResult> verified = new ArrayList<>();
        for (Map.Entry<String, LoadResult> run : runs.entrySet()) {
            Map<String, String> stored = db.statuses("IN", run.getKey() + "-");
            LoadResult result = run.getValue();
            Map<String, Long> byStatus = new TreeMap<>(result.acknowledged().stream().filter(stored::containsKey)
                    .collect(Collectors.groupingBy(stored::get, Collectors.counting())));
            long unexpected = byStatus.entrySet().stream().filter(e -> !EXPECTED_AT_STOP.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            verified.add(result.withStored((int) result.acknowledged().stream().filter(stored::containsKey).count())
                    .withNote((result.note() + " status at stop " + byStatus).trim()).withUnexpected((int) unexpected));
        }
        return verified;
    }

    private static String machine(BenchSettings settings) throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        String load = Files.isReadable(loadavg) ? Files.readString(loadavg).trim() : "n/a";
        return String.format("bench: %s, %d cores, load average %s, java %s; messages=%d concurrency=%s warmup=%d "
                + "encoding=%s outbox=%d×%d clients, max %ds per run, postgres=%s",
                LocalDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(), load,
                System.getProperty("java.version"), settings.messages(), settings.concurrency(), settings.warmup(),
                settings.encoding(), settings.outboxMessages(), settings.outboxClients(), settings.maxSeconds(),
                settings.postgresUrl().isBlank() ? "off" : "on");
    }
}
