package io.switchboard.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One outbox drain measurement: `queued` rows seeded before the hub started; `measured` of them went
 * out to FakeIon in `seconds` (the steady-state window: after the warm-up messages, before the backlog's tail);
 * the hub's user+system CPU in that window; the 1-minute load average before and after the run; the hub's JFR
 * summary when BENCH_OUTBOX_PROFILE was set; the warm-up rows sent before the window and how long they took
 * from the first send (the cold JVM's rate, reported beside the steady one). Several drains of one backlog by
 * fresh hubs are reported by the median one.
 */
record OutboxDrainRun(String database, int queued, int documentNames, int measured, double seconds,
        long firstSendMillis, int pings, String verdict, String note, String loadBefore, String loadAfter,
        String profile, long hubCpuMillis, int warmupMessages, double warmupSeconds) {

    /** The rate while the JVM was still compiling (the warm-up rows), 0 when there were none. */
    double warmupPerSecond() {
        return warmupSeconds == 0 ? 0 : warmupMessages / warmupSeconds;
    }

    double perSecond() {
        return seconds == 0 ? 0 : measured / seconds;
    }

    /** The hub's CPU per message sent in the window: the figure a shared machine distorts least. */
    double cpuMillisPerMessage() {
        return measured == 0 ? 0 : (double) hubCpuMillis / measured;
    }

    boolean ok() {
        return "ok".equals(verdict);
    }

    /**
     * One run as is; several drains of one backlog by fresh hubs: the one with the median rate, the first failed
     * verdict, each drain's rate in the note (a hub's JIT and its collections move one drain by a tenth).
     */
    static OutboxDrainRun median(List<OutboxDrainRun> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        List<OutboxDrainRun> byRate = runs.stream().sorted(Comparator.comparingDouble(OutboxDrainRun::perSecond))
                .toList();
        OutboxDrainRun middle = byRate.get(byRate.size() / 2);
        String verdict = runs.stream().map(OutboxDrainRun::verdict).filter(v -> !"ok".equals(v)).findFirst()
                .orElse("ok");
        String rates = runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond()))
                .collect(Collectors.joining(" / "));
        String note = "median of " + runs.size() + " drains by fresh hubs (" + rates + " msg/s, in the order run); "
                + middle.note();
        return new OutboxDrainRun(middle.database(), middle.queued(), middle.documentNames(), middle.measured(),
                middle.seconds(), middle.firstSendMillis(), middle.pings(), verdict, note, middle.loadBefore(),
                middle.loadAfter(), middle.profile(), middle.hubCpuMillis(), middle.warmupMessages(),
                middle.warmupSeconds());
    }
}
