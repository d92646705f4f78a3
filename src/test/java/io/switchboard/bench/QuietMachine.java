package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until the machine's CPUs are idle (/proc/stat over 250 ms), so that a start-up is timed on the machine and
 * not on what the previous run left running (writeback, a database's vacuum, a JVM still exiting).
 */
final class QuietMachine {

    private static final double BUSY_AT_MOST = 0.15;
    private static final Duration SAMPLE = Duration.ofMillis(250);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private QuietMachine() {
    }

    /** Returns the busy share of the last 250 ms sample (NaN without /proc/stat); waits at most 30 s. */
    static double await() {
        long[][] last = {ticks()};
        double[] busy = {Double.NaN};
        if (last[0] == null) {
            return Double.NaN;
        }
        try {
            // each poll is one 250 ms sample: the busy share since the poll before
            Awaitility.await().atMost(LONGEST_WAIT).pollDelay(SAMPLE).pollInterval(SAMPLE).until(() -> {
                long[] now = ticks();
                if (now == null || now[1] == last[0][1]) {
                    return true;
                }
                busy[0] = (now[0] - last[0][0]) / (double) (now[1] - last[0][1]);
                last[0] = now;
                return busy[0] <= BUSY_AT_MOST;
            });
        } catch (ConditionTimeoutException stillBusy) {
            // measured anyway: the report shows how busy the machine was
        }
        return busy[0];
    }

    static String percent(double busy) {
        return Double.isNaN(busy) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", busy * 100);
    }

    /** {busy ticks, all ticks} of the machine's "cpu" line: idle and iowait are not busy. */
    private static long[] ticks() {
        try {
            Path stat = Path.of("/proc/stat");
            if (!Files.isReadable(stat)) {
                return null;
            }
            String[] fields = Files.readAllLines(stat).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < fields.length; i++) {
                all += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {all - idle, all};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
