package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;

/**
 * Footprint on H2: start to healthy and RSS when idle (StartupTimes: medians of interleaved starts), RSS again
 * after the load once dispatch caught up, and database growth per 1 KiB message (file size after the graceful stop
 * minus the freshly migrated file, divided by the messages stored), for the hub and the ceiling.
 */
final class FootprintBench {

    record Footprint(int messages, StartupTimes.Result starts, long hubRssAfterLoad, double hubBytesPerMessage,
            double ceilingBytesPerMessage, String verdict, String profile, String loadAverage, String javaOptions) {
    }

    private final BenchSettings settings;

    FootprintBench(BenchSettings settings) {
        this.settings = settings;
    }

    Footprint run(Path workDir) throws Exception {
        int n = settings.footprintMessages();
        byte[] payload = ImsRequests.bodOfSize(1024);
        Map<String, String> headers = Map.of("Authorization", ImsRequests.authorization(),
                "X-TenantId", ImsRequests.TENANT);
        try (VertxLoad load = new VertxLoad()) {
            Path hubDir = Files.createDirectories(workDir.resolve("hub"));
            BenchDatabase hubDb = BenchDatabase.h2(hubDir);
            Map<String, String> env = new HashMap<>(hubDb.hubEnvironment());
            env.putAll(IngestMatrix.hubImsEnvironment());
            long hubAfter;
            long hubBase;
            int hubAcknowledged;
            Path jfr = hubDir.resolve("hub.jfr");
            // the JFR recording costs a little start-up time, so start-up comes from plain starts
            String loadAverage = BenchMain.loadAverage1();
            StartupTimes.Result starts = StartupTimes.measure(settings, workDir.resolve("starts"),
                    IngestMatrix.hubImsEnvironment());
            try (HubProcess hub = HubProcess.startRecording(settings, hubDir, env, jfr)) {
                hubBase = size(hubDir);
                hubAcknowledged = send(load, hub, headers, payload, n, "fp-hub-");
                IngestMatrix.awaitNoBacklog(hub);
                hubAfter = hub.rssBytes();
            }
            double hubPerMessage = (size(hubDir) - hubBase) / (double) Math.max(1, hubAcknowledged);

            Path ceilingDir = Files.createDirectories(workDir.resolve("ceiling"));
            BenchDatabase ceilingDb = BenchDatabase.h2(ceilingDir);
            long ceilingBase;
            int ceilingAcknowledged;
            try (HubProcess ceiling = HubProcess.startCeiling(ceilingDir, ceilingDb.hubEnvironment())) {
                ceilingBase = size(ceilingDir);
                ceilingAcknowledged = send(load, ceiling, headers, payload, n, "fp-ceiling-");
            }
            double ceilingPerMessage = (size(ceilingDir) - ceilingBase) / (double) Math.max(1, ceilingAcknowledged);
            String verdict = hubAcknowledged == n && ceilingAcknowledged == n
                    && hubDb.statuses("IN", "fp-hub-").size() == n
                    && ceilingDb.statuses("IN", "fp-ceiling-").size() == n ? "ok"
                    : "FAILED hub " + hubAcknowledged + " ceiling " + ceilingAcknowledged + " of " + n;
            String profile;
            try {
                profile = Files.isRegularFile(jfr) ? CpuProfile.summarise(jfr) : "no recording\n";
            } catch (Exception e) {
                profile = "profile not readable: " + e + "\n";
            }
            return new Footprint(n, starts, hubAfter, hubPerMessage, ceilingPerMessage, verdict, profile, loadAverage,
                    String.join(" ", settings.hubJavaOptions()));
        }
    }

    private static int send(VertxLoad load, HubProcess server, Map<String, String> headers, byte[] payload, int n,
            String prefix) throws Exception {
        return load.run(server.port(), "/ims/service/v3/multipartMessage", headers, 16, Duration.ofMinutes(3), n,
                i -> new VertxLoad.Request(prefix + i, Buffer.buffer(ImsRequests.body(prefix + i, payload, "NONE")),
                        ImsRequests.contentType())).acknowledged().size();
    }

    /** Bytes of every H2 file under dir/db. */
    private static long size(Path dir) throws Exception {
        Path db = dir.resolve("db");
        if (!Files.isDirectory(db)) {
            return 0;
        }
        try (var files = Files.walk(db)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
