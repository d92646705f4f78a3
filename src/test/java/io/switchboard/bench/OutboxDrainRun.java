package io.switchboard.bench;

/**
 * One outbox drain measurement: `queued` rows seeded before the hub started; `measured` of them went
 * out to FakeIon in `seconds` (from the first message FakeIon received to the last one of the window); the
 * 1-minute load average before and after the run; the hub's JFR summary when BENCH_OUTBOX_PROFILE was set.
 */
record OutboxDrainRun(String database, int queued, int documentNames, int measured, double seconds,
        long firstSendMillis, int pings, String verdict, String note, String loadBefore, String loadAfter,
        String profile) {

    double perSecond() {
        return seconds == 0 ? 0 : measured / seconds;
    }
}
