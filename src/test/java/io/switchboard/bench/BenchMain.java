package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * `make bench` (no argument) and `make bench-smoke` (argument smoke): the intake matrix (hub against the
 * bare ceiling, H2 and, with BENCH_PG_URL, PostgreSQL), the outbox drain at several backlogs, the
 * footprint; writes results.md (and for make bench bench/RESULTS.md plus the PNG plots). Exit code 1
 * when any acknowledged message is missing, any request failed, a status is not the expected one or
 * the outbox order broke — never because of speed.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = args.length > 0 && args[0].equals("smoke");
        BenchSettings settings = BenchSettings.fromEnvironment(smoke);
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException(settings.jar() + " missing: run make jar");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runDir = Files.createDirectories(Path.of("target/bench-runs", stamp + (smoke ? "-smoke" : "")));
        String loadBefore = loadAverage();
        System.out.println("bench: " + (smoke ? "smoke " : "") + settings.toString().replaceAll("(?i)(password=)[^&,\\]]*",
                "$1****"));

        List<IngestCell> cells = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        // footprint first: start-up is timed on the machine as the bench found it, not on what the intake and
        // outbox parts leave behind (writeback, PostgreSQL's vacuum: run J timed the ceiling's start at twice this)
        FootprintBench.Footprint footprint = null;
        try {
            if (settings.footprintMessages() > 0 && settings.runs("footprint")) {
                flushWrites();
                footprint = new FootprintBench(settings).run(runDir.resolve("footprint"));
            }
        } catch (Exception e) {
            e.printStackTrace();
            problems.add("footprint benchmark broke: " + e);
        }

        Map<String, Integer> warmups = new LinkedHashMap<>();
        if (settings.runs("intake")) {
            IngestMatrix h2 = new IngestMatrix(settings);
            cells.addAll(h2.run("H2", server -> BenchDatabase.h2(runDir.resolve("h2")
                    .resolve(server.replace("+", "-"))), runDir.resolve("h2")));
            warmups.putAll(h2.warmups());
        }
        if (settings.runs("intake") && !settings.postgresUrl().isBlank()) {
            List<BenchDatabase> schemas = new ArrayList<>();
            try {
                IngestMatrix postgres = new IngestMatrix(settings);
                cells.addAll(postgres.run("PostgreSQL", server -> {
                    try {
                        BenchDatabase db = BenchDatabase.freshPostgres(settings.postgresUrl());
                        schemas.add(db);
                        return db;
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, runDir.resolve("postgres")));
                warmups.putAll(postgres.warmups());
            } finally {
                for (BenchDatabase db : schemas) {
                    db.dropSchema();
                }
            }
        }
        List<OutboxDrainRun> drains = new ArrayList<>();
        try {
            if (settings.runs("outbox")) {
                drains.addAll(OutboxDrainBench.runAll(settings, runDir));
            }
        } catch (Exception e) {
            e.printStackTrace();
            problems.add("outbox drain benchmark broke: " + e);
        }
        String header = String.format("%s, %d cores, load average before %s, after %s, java %s, commit %s%n"
                + "cells: %d s each after a warm-up in %d s slices until the CPU per message is steady (%s);"
                + " connections %s; BODs %s KiB; outbox %s queued (each drained %d times); hub on H2: hub.db.fsync=%s",
                LocalDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(),
                System.getProperty("java.version"), System.getenv().getOrDefault("BENCH_COMMIT", "?"),
                settings.cellSeconds(), settings.warmupSeconds(), warmupSummary(warmups), settings.connections(),
                settings.sizesKib(),
                settings.outboxQueued(), settings.outboxRepeats(),
                System.getenv().getOrDefault("HUB_DB_FSYNC", "true (its default)"));
        List<String> plots = new ArrayList<>();
        Path plotDir = smoke || settings.results().toString().isEmpty() ? runDir : settings.results().getParent();
        for (String database : cells.stream().map(IngestCell::database).distinct().toList()) {
            String name = "throughput-" + database.toLowerCase().replaceAll("[^a-z0-9]", "") + ".png";
            ThroughputPlot.write("Durable intake, " + database + ": hub vs ceiling (msg/s)",
                    cells.stream().filter(c -> c.database().equals(database)).toList(), settings.connections(),
                    plotDir.resolve(name));
            plots.add(name);
        }
        Path analysis = Path.of("bench/ANALYSIS.md");
        String report = ResultsReport.render(header, cells, drains, footprint, plots,
                !smoke && Files.isRegularFile(analysis) ? Files.readString(analysis) : null);
        Files.writeString(runDir.resolve("results.md"), report);
        if (!smoke && !settings.results().toString().isEmpty()) {
            Files.writeString(settings.results(), report);
        }
        System.out.println(report);

        cells.stream().filter(c -> !c.verdict().equals("ok"))
                .forEach(c -> problems.add(c.database() + " " + c.server() + " c" + c.connections() + " "
                        + c.sizeKib() + "KiB: " + c.verdict()));
        drains.stream().filter(d -> !d.verdict().equals("ok"))
                .forEach(d -> problems.add("outbox " + d.queued() + ": " + d.verdict()));
        if (footprint != null && !footprint.verdict().equals("ok")) {
            problems.add("footprint: " + footprint.verdict());
        }
        // a full run leaves ~12 GB of H2 files: kept only when something failed (to look into) or when asked
        boolean keep = !problems.isEmpty() || Boolean.parseBoolean(System.getenv("BENCH_KEEP_DATABASES"));
        long freed = keep ? 0 : deleteDatabaseFiles(runDir);
        System.out.println("bench: results and logs in " + runDir + (keep ? ", databases kept"
                : String.format(Locale.ROOT, ", databases deleted (%.1f GB; BENCH_KEEP_DATABASES=true keeps them)",
                        freed / 1e9)));
        if (!problems.isEmpty()) {
            System.out.println("bench: FAILED " + problems);
            if (problems.stream().anyMatch(p -> p.contains(IngestCell.UNEXPECTED_STATUS))) {
                System.out.println("bench: a message that ended in an unexpected status (DEAD …) says why in its"
                        + " journey: GET /api/admin/messages/{id}");
            }
            System.exit(1);
        }
        System.out.println("bench: every acknowledged message stored, statuses and outbox order as expected");
        System.exit(0);
    }

    /** Deletes the H2 files (*.mv.db, *.trace.db) under dir; returns the bytes freed. */
    static long deleteDatabaseFiles(Path dir) throws IOException {
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".mv.db")
                    || f.getFileName().toString().endsWith(".trace.db")).toList();
        }
        long freed = 0;
        for (Path f : files) {
            freed += Files.size(f);
            Files.delete(f);
        }
        return freed;
    }

    /**
     * Waits until the kernel has written out what earlier parts wrote (`sync`): the outbox runs write gigabytes of
     * H2 files, and their writeback otherwise runs during the next part (load average 5 on 2 cores, a start-up
     * measured at twice its CPU).
     */
    static void flushWrites() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            System.out.println("bench: sync failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The 1-minute load average alone (/proc/loadavg), "n/a" when unknown. */
    static String loadAverage1() {
        try {
            return loadAverage().split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** "H2 ceiling 30 s, H2 hub 45 s, …" (none: no intake part ran). */
    private static String warmupSummary(Map<String, Integer> warmups) {
        return warmups.isEmpty() ? "none"
                : warmups.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " s")
                        .collect(Collectors.joining(", "));
    }

    static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.isReadable(loadavg) ? Files.readString(loadavg).trim() : "n/a";
    }
}
