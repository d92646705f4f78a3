package io.switchboard.bench;

import java.util.Map;
import java.util.Set;

/**
 * One measured cell of the intake matrix: one server (hub, ceiling, ceiling+fsync) on one database at
 * one connection count and BOD size. stored/statuses are filled in after the servers stopped.
 */
record IngestCell(String database, String server, int connections, int sizeKib, int bodBytes, int sent,
        Set<String> acknowledged, Map<String, Integer> failures, double seconds, Latencies latencies,
        double cpuMillisPerMessage, long backlogAtStop, double dispatchCatchUpSeconds, int stored,
        Map<String, Long> statuses, String expectedStatus) {

    /** The verdict of a cell where a stored message ended in another status than expected (e.g. a DEAD sales order). */
    static final String UNEXPECTED_STATUS = "UNEXPECTED STATUS";

    double perSecond() {
        return seconds == 0 ? 0 : acknowledged.size() / seconds;
    }

    /** Backlog left when the load stopped, in seconds of this cell's traffic. */
    double backlogSeconds() {
        return backlogAtStop <= 0 || perSecond() == 0 ? 0 : backlogAtStop / perSecond();
    }

    int failed() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    IngestCell verified(int storedCount, Map<String, Long> byStatus) {
        return new IngestCell(database, server, connections, sizeKib, bodBytes, sent, acknowledged, failures, seconds,
                latencies, cpuMillisPerMessage, backlogAtStop, dispatchCatchUpSeconds, storedCount, byStatus,
                expectedStatus);
    }

    /**
     * ok only when every request succeeded and every acknowledged message is stored with the expected status
     * (the hub's sales orders UNROUTED once their dispatch backlog drained; anything else, DEAD …, fails).
     */
    String verdict() {
        if (stored != acknowledged.size()) {
            return "MISSING " + (acknowledged.size() - stored);
        }
        if (failed() > 0 || acknowledged.isEmpty()) {
            return "FAILED " + failures;
        }
        long unexpected = statuses.entrySet().stream().filter(e -> !e.getKey().equals(expectedStatus))
                .mapToLong(Map.Entry::getValue).sum();
        return unexpected > 0 ? UNEXPECTED_STATUS + " " + unexpected + " " + statuses : "ok";
    }
}
