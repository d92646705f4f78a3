package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Start to healthy, CPU to healthy and idle RSS of the hub and of the ceiling: BENCH_STARTS starts of each,
 * interleaved (hub, ceiling, hub, …), each on a fresh H2 store (migrations included) once the machine is idle;
 * the medians are reported with the range, so one start slowed by a neighbour does not decide the figure.
 */
final class StartupTimes {

    /** The starts of one server: medians and the range of start to healthy. */
    record Series(List<Long> healthyMillis, List<Long> cpuMillis, List<Long> idleRss) {

        long healthy() {
            return median(healthyMillis);
        }

        long cpu() {
            return median(cpuMillis);
        }

        long rss() {
            return median(idleRss);
        }

        /** "1 874–1 990 ms over 5 starts". */
        String range() {
            return String.format("%d–%d ms over %d starts", healthyMillis.stream().mapToLong(Long::longValue).min()
                    .orElse(0), healthyMillis.stream().mapToLong(Long::longValue).max().orElse(0),
                    healthyMillis.size());
        }

        private static long median(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        }
    }

    record Result(Series hub, Series ceiling, String busiestBeforeStart) {
    }

    private StartupTimes() {
    }

    static Result measure(BenchSettings settings, Path workDir, Map<String, String> hubEnvironment)
            throws Exception {
        Series hub = new Series(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Series ceiling = new Series(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        double busiest = 0;
        for (int i = 1; i <= Math.max(1, settings.starts()); i++) {
            busiest = busiest(busiest, QuietMachine.await());
            Path hubDir = Files.createDirectories(workDir.resolve("hub-" + i));
            Map<String, String> env = new HashMap<>(hubEnvironment);
            env.putAll(BenchDatabase.h2(hubDir).hubEnvironment());
            try (HubProcess started = HubProcess.start(settings, hubDir, env)) {
                add(hub, started);
            }
            busiest = busiest(busiest, QuietMachine.await());
            Path ceilingDir = Files.createDirectories(workDir.resolve("ceiling-" + i));
            try (HubProcess started = HubProcess.startCeiling(ceilingDir,
                    BenchDatabase.h2(ceilingDir).hubEnvironment())) {
                add(ceiling, started);
            }
        }
        return new Result(hub, ceiling, QuietMachine.percent(busiest));
    }

    private static double busiest(double before, double sample) {
        return Double.isNaN(sample) ? before : Math.max(before, sample);
    }

    private static void add(Series series, HubProcess started) {
        series.healthyMillis().add(started.healthyAfterMillis());
        series.cpuMillis().add(started.healthyCpuMillis());
        series.idleRss().add(started.rssBytes());
    }
}
