package io.switchboard.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * `make reliability`: the crash suite against the real jar. Settings through the environment:
 * RELIABILITY_KILLS (default 10), RELIABILITY_IMS_PER_SECOND (default 40), RELIABILITY_PG_URL (a
 * PostgreSQL JDBC URL; without it the PostgreSQL run with two instances is skipped and says so),
 * RELIABILITY_REPORT (markdown file to write, e.g. docs/reliability.md), RELIABILITY_DATABASES
 * (h2,postgres). Exits 1 on any loss, duplicate effect or leaked secret.
 */
public final class CrashSuiteMain {

    private CrashSuiteMain() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.out.println("event=reliability-failed reason=\"" + e + "\"");
            // the workload's threads must not keep the driver alive
            System.exit(2);
        }
    }

    private static void run() throws Exception {
        int kills = Integer.parseInt(env("RELIABILITY_KILLS", "10"));
        int rate = Integer.parseInt(env("RELIABILITY_IMS_PER_SECOND", "40"));
        String pgUrl = env("RELIABILITY_PG_URL", "");
        String report = env("RELIABILITY_REPORT", "");
        // a copy: a rebuild of target/ during a long run must not change the jar under the hubs
        Path jar = Files.createTempDirectory("switchboard-reliability-jar").resolve("switchboard.jar");
        Files.copy(Path.of(env("RELIABILITY_JAR", "target/switchboard.jar")), jar);
        Path fixtures = Path.of("src/test/resources/ion");

        String databases = env("RELIABILITY_DATABASES", "h2,postgres");
        List<RunResult> results = new ArrayList<>();
        if (databases.contains("h2")) {
            results.add(h2Run(jar, fixtures, kills, rate));
            print(results.get(results.size() - 1));
        }
        if (databases.contains("postgres") && !pgUrl.isBlank()) {
            results.add(new CrashRun(jar, fixtures, freshSchema(pgUrl), "PostgreSQL", 2, kills, rate).run());
            print(results.get(results.size() - 1));
        } else if (databases.contains("postgres")) {
            System.out.println("event=reliability-postgres-skipped reason=\"RELIABILITY_PG_URL not set\"");
        }
        if (!report.isBlank()) {
            Files.writeString(Path.of(report), ReliabilityReport.markdown(results, Instant.now(), pgUrl.isBlank()));
        }
        boolean failed = results.stream().anyMatch(r -> r.lost() > 0 || r.duplicateEffects() > 0 || r.secretLeaks() > 0);
        System.out.println(failed ? "event=reliability-failed" : "event=reliability-passed");
        System.exit(failed ? 1 : 0);
    }

    private static RunResult h2Run(Path jar, Path fixtures, int kills, int rate) throws Exception {
        Path h2Dir = Files.createTempDirectory("switchboard-reliability-h2");
        // AUTO_SERVER: the driver reads the store while the hub holds the file
        String h2 = "jdbc:h2:file:" + h2Dir.resolve("hub") + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
        return new CrashRun(jar, fixtures, h2, "H2", 1, kills, rate).run();
    }

    private static void print(RunResult r) {
        System.out.println("event=reliability-run " + r);
    }

    /** A new empty schema on the given PostgreSQL, so each run starts clean. */
    private static String freshSchema(String base) throws Exception {
        String schema = "rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
