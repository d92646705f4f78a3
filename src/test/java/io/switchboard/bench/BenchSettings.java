package io.switchboard.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What `make bench` runs, from environment variables (BENCH_*) with modest defaults. */
record BenchSettings(Path jar, int messages, List<Integer> concurrency, int warmup, int maxSeconds,
        String encoding, String postgresUrl, int outboxMessages, int outboxClients) {

    static BenchSettings fromEnvironment() {
        return new BenchSettings(
                Path.of(value("BENCH_JAR", "target/switchboard.jar")),
                Integer.parseInt(value("BENCH_MESSAGES", "1000")),
                Arrays.stream(value("BENCH_CONCURRENCY", "1,8,32").split(",")).map(String::trim)
                        .map(Integer::valueOf).toList(),
                Integer.parseInt(value("BENCH_WARMUP", "300")),
                Integer.parseInt(value("BENCH_MAX_SECONDS", "60")),
                value("BENCH_ENCODING", "NONE"),
                value("BENCH_PG_URL", ""),
                Integer.parseInt(value("BENCH_OUTBOX_MESSAGES", "500")),
                Integer.parseInt(value("BENCH_OUTBOX_CLIENTS", "8")));
    }

    private static String value(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
