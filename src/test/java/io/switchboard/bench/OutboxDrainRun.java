package io.switchboard.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One outbox drain measurement: `queued` rows seeded before the hub started; `measured` of them went
 * out to FakeIon in `seconds` (the steady-state window: after the warm-up messages, before the backlog's tail);
 * the hub's user+system CPU in that window; the 1-minute load average before and after the run; the hub's JFR
 * summary when BENCH_OUTBOX_PROFILE was set; the warm-up rows sent before the window and how long they took
 * from the first send (the cold JVM's rate, reported beside the steady one). Several drains of one backlog
 * (a short window, repeated) are pooled into one: their messages, seconds and CPU added up.
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

    /** One run as is; several: Σ messages / Σ seconds, Σ CPU, the first failed verdict, each run's rate in the note. */
    static OutboxDrainRun pooled(List<OutboxDrainRun> runs) {
        OutboxDrainRun first = runs.get(0);
        if (runs.size() == 1) {
            return first;
        }
        String verdict = runs.stream().map(OutboxDrainRun::verdict).filter(v -> !"ok".equals(v)).findFirst()
                .orElse("ok");
        String rates = runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.perSecond()))
                .collect(Collectors.joining(" / "));
        String note = "pooled over " + runs.size() + " drains by fresh hubs (" + rates + " msg/s); first: "
                + first.note();
        return new OutboxDrainRun(first.database(), first.queued(), first.documentNames(),
                runs.stream().mapToInt(OutboxDrainRun::measured).sum(),
                runs.stream().mapToDouble(OutboxDrainRun::seconds).sum(), first.firstSendMillis(),
                runs.stream().mapToInt(OutboxDrainRun::pings).sum(), verdict, note, first.loadBefore(),
                runs.get(runs.size() - 1).loadAfter(), first.profile(),
                runs.stream().mapToLong(OutboxDrainRun::hubCpuMillis).sum(), first.warmupMessages(),
                first.warmupSeconds());
    }
}
