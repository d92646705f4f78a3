package io.switchboard.bench;

import java.util.Set;

/**
 * One measured run: how many requests were sent, how many got the success status (their ids in
 * acknowledged), wall time and latencies. stored is filled in after the hub stopped.
 */
record LoadResult(String benchmark, String database, int clients, int sent, Set<String> acknowledged, int failed,
        double seconds, Latencies latencies, int stored, String note) {

    double perSecond() {
        return seconds == 0 ? 0 : acknowledged.size() / seconds;
    }

    LoadResult withStored(int count) {
        return new LoadResult(benchmark, database, clients, sent, acknowledged, failed, seconds, latencies, count, note);
    }

    LoadResult withNote(String text) {
        return new LoadResult(benchmark, database, clients, sent, acknowledged, failed, seconds, latencies, stored, text);
    }

    boolean lostNothing() {
        return stored == acknowledged.size();
    }

    /** ok only when every request succeeded and every acknowledged message was found afterwards. */
    String verdict() {
        if (!lostNothing()) {
            return "MISSING " + (acknowledged.size() - stored);
        }
        return failed > 0 || sent == 0 ? "FAILED " + failed : "ok";
    }
}
