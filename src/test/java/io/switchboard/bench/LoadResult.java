package io.switchboard.bench;

import java.util.Set;

/**
 * One measured run: how many requests were sent, how many got the success status (their ids in
 * acknowledged), wall time and latencies. stored is filled in after the hub stopped.
 */
record LoadResult(String benchmark, String database, int clients, int sent, Set<String> acknowledged, int failed,
        double seconds, Latencies latencies, int stored, String note, int unexpected) {

    LoadResult(String benchmark, String database, int clients, int sent, Set<String> acknowledged, int failed,
            double seconds, Latencies latencies, int stored, String note) {
        this(benchmark, database, clients, sent, acknowledged, failed, seconds, latencies, stored, note, 0);
    }

    double perSecond() {
        return seconds == 0 ? 0 : acknowledged.size() / seconds;
    }

    LoadResult withStored(int count) {
        return new LoadResult(benchmark, database, clients, sent, acknowledged, failed, seconds, latencies, count, note,
                unexpected);
    }

    /** How many stored messages ended in a status the run cannot explain (e.g. DEAD for an unrouted BOD). */
    LoadResult withUnexpected(int count) {
        return new LoadResult(benchmark, database, clients, sent, acknowledged, failed, seconds, latencies, stored, note,
                count);
    }

    LoadResult withNote(String text) {
        return new LoadResult(benchmark, database, clients, sent, acknowledged, failed, seconds, latencies, stored, text,
                unexpected);
    }

    boolean lostNothing() {
        return stored == acknowledged.size();
    }

    /**
     * ok only when every request succeeded, every acknowledged message was found afterwards, and none
     * ended in an unexpected status.
     */
    String verdict() {
        if (!lostNothing()) {
            return "MISSING " + (acknowledged.size() - stored);
        }
        if (unexpected > 0) {
            return "UNEXPECTED STATUS " + unexpected;
        }
        return failed > 0 || sent == 0 ? "FAILED " + failed : "ok";
    }
}
