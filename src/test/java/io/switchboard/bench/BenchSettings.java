package io.switchboard.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What `make bench` (or, with smoke, `make bench-smoke`) runs, from environment variables (BENCH_*).
 * Smoke is seconds long and checks correctness only: every acknowledged message stored, statuses as
 * expected, every queued outbox row delivered in order.
 */
record BenchSettings(boolean smoke, Path jar, List<Integer> connections, List<Integer> sizesKib, int cellSeconds,
        int warmupSeconds, String postgresUrl, List<Integer> outboxQueued, int outboxSeconds,
        int footprintMessages, boolean ceilingFsync, Path results, List<String> parts, boolean outboxProfile,
        List<String> hubJavaOptions, int outboxWarmupMessages, int warmupMaxSeconds, int outboxRepeats,
        int warmupMinSeconds, boolean routedHub, int starts) {

    /** BENCH_PARTS: which of intake, outbox, footprint run (all by default). */
    boolean runs(String part) {
        return parts.contains(part);
    }


    static BenchSettings fromEnvironment(boolean smoke) {
        return new BenchSettings(smoke,
                Path.of(value("BENCH_JAR", "target/switchboard.jar")),
                ints(value("BENCH_CONNECTIONS", smoke ? "1,4" : "1,16,64")),
                ints(value("BENCH_SIZES_KIB", smoke ? "1,16" : "1,16,256")),
                Integer.parseInt(value("BENCH_SECONDS", smoke ? "1" : "6")),
                Integer.parseInt(value("BENCH_WARMUP_SECONDS", smoke ? "0" : "5")),
                value("BENCH_PG_URL", ""),
                ints(value("BENCH_OUTBOX_QUEUED", smoke ? "300" : "10000,100000,1000000")),
                Integer.parseInt(value("BENCH_OUTBOX_SECONDS", smoke ? "120" : "15")),
                Integer.parseInt(value("BENCH_FOOTPRINT_MESSAGES", smoke ? "0" : "3000")),
                Boolean.parseBoolean(value("BENCH_CEILING_FSYNC", smoke ? "false" : "true")),
                Path.of(value("BENCH_RESULTS", smoke ? "" : "bench/RESULTS.md")),
                Arrays.stream(value("BENCH_PARTS", "intake,outbox,footprint").split(",")).map(String::trim).toList(),
                Boolean.parseBoolean(value("BENCH_OUTBOX_PROFILE", "false")),
                Arrays.stream(value("BENCH_HUB_JAVA_OPTS", "").split("\\s+")).filter(s -> !s.isEmpty()).toList(),
                Integer.parseInt(value("BENCH_OUTBOX_WARMUP", smoke ? "0" : "300000")),
                Integer.parseInt(value("BENCH_WARMUP_MAX_SECONDS", "90")),
                Integer.parseInt(value("BENCH_OUTBOX_REPEATS", "5")),
                Integer.parseInt(value("BENCH_WARMUP_MIN_SECONDS", smoke ? "0" : "45")),
                Boolean.parseBoolean(value("BENCH_ROUTED_HUB", "true")),
                Integer.parseInt(value("BENCH_STARTS", "5")));
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf)
                .toList();
    }

    private static String value(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
