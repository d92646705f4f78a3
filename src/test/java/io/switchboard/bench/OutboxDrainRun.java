package io.switchboard.bench;

/**
 * One outbox drain measurement: `queued` rows seeded before the hub started; `measured` of them went
 * out to FakeIon in `seconds` (the steady-state window: after the warm-up messages, before the backlog's tail);
 * the hub's user+system CPU in that window; the 1-minute load average before and after the run; the hub's JFR
 * summary when BENCH_OUTBOX_PROFILE was set; the warm-up rows sent before the window and how long they took
 * from the first send (the cold JVM's rate, reported beside the steady one).
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
}
