package io.switchboard.bench;

import java.util.List;
import java.util.Locale;

/** The results as a Markdown table (what `make bench` prints and bench/results/ records). */
final class ResultTable {

    private ResultTable() {
    }

    static String render(List<LoadResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | database | clients | sent | acknowledged | failed | seconds | msgs/s "
                + "| p50 ms | p95 ms | p99 ms | max ms | stored | verdict | note |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        for (LoadResult r : results) {
            Latencies l = r.latencies();
            out.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %d | %.1f | %.0f | %s | %s | %s | %s | %d | %s | %s |%n",
                    r.benchmark(), r.database(), r.clients(), r.sent(), r.acknowledged().size(), r.failed(),
                    r.seconds(), r.perSecond(), ms(l == null ? null : l.p50()), ms(l == null ? null : l.p95()),
                    ms(l == null ? null : l.p99()), ms(l == null ? null : l.max()), r.stored(),
                    r.verdict(), r.note()));
        }
        return out.toString();
    }

    private static String ms(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }
}
