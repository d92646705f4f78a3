package io.switchboard.bench;

import java.time.Duration;

/**
 * Benchmark 1: C clients post ION multipartMessages (ParameterRequest + MessagePayload, unique
 * messageId each) to the IMS endpoint; a success is 202 with status "accepted" (stored and committed).
 */
final class ImsInboundBench {

    private final ImsRequests requests;
    private final String database;
    private final ClosedLoop load;

    ImsInboundBench(HubProcess hub, String database, String encoding, Duration maxDuration) {
        this.requests = new ImsRequests(hub.url("/ims/service/v3/multipartMessage"), encoding);
        this.database = database;
        this.load = new ClosedLoop(maxDuration);
    }

    /** Message ids are runTag-0 … runTag-(messages-1), so each run's rows can be counted afterwards. */
    LoadResult run(String label, String runTag, int clients, int messages) throws InterruptedException {
        ClosedLoop.Outcome outcome = load.run(clients, messages, i -> requests.request(runTag + "-" + i),
                (i, response) -> response.statusCode() == 202 && response.body().contains("\"accepted\"")
                        ? runTag + "-" + i : null);
        return new LoadResult(label, database, clients, outcome.sent(), outcome.acknowledged(),
                outcome.failed(), outcome.seconds(), outcome.latencies(), -1, outcome.note(messages));
    }
}
