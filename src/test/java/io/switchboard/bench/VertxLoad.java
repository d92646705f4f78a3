package io.switchboard.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load generator for hub and ceiling alike: C keep-alive connections in a closed loop (each sends
 * its next request as soon as the previous one is answered, like ION's delivery threads) for a fixed
 * time, on ONE event-loop thread so the client takes as little of the shared CPU as possible.
 * A request counts as acknowledged only on 202 with {"status":"accepted"}.
 */
final class VertxLoad implements AutoCloseable {

    /** One request to send: its message id and the complete body. */
    record Request(String messageId, Buffer body, String contentType) {
    }

    record Outcome(int sent, Set<String> acknowledged, Map<String, Integer> failures, Latencies latencies,
            double seconds) {

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));

    Outcome run(int port, String path, Map<String, String> headers, int connections, Duration duration,
            int maxMessages, IntFunction<Request> request) throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port).setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        State state = new State(System.nanoTime() + duration.toNanos(), maxMessages);
        CompletableFuture<Void> finished = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            state.start = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                next(client, path, headers, request, state, finished);
            }
        });
        finished.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        double seconds = (state.end - state.start) / 1e9;
        return new Outcome(state.sent, state.acknowledged, new TreeMap<>(state.failures),
                Latencies.of(Arrays.copyOf(state.latencies, state.answered)), seconds);
    }

    /** Everything is touched on the one event loop only. */
    private static final class State {
        final long deadline;
        final int maxMessages;
        final Set<String> acknowledged = new HashSet<>();
        final Map<String, Integer> failures = new TreeMap<>();
        long[] latencies = new long[1024];
        long start;
        long end;
        int sent;
        int answered;
        int inFlight;

        State(long deadline, int maxMessages) {
            this.deadline = deadline;
            this.maxMessages = maxMessages;
        }

        void latency(long nanos) {
            if (answered == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[answered++] = nanos;
        }
    }

    private static void next(HttpClient client, String path, Map<String, String> headers,
            IntFunction<Request> request, State state, CompletableFuture<Void> finished) {
        if (System.nanoTime() >= state.deadline || state.sent >= state.maxMessages) {
            if (state.inFlight == 0 && !finished.isDone()) {
                state.end = System.nanoTime();
                finished.complete(null);
            }
            return;
        }
        Request r = request.apply(state.sent++);
        state.inFlight++;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path).setIdleTimeout(60_000);
        headers.forEach(options::putHeader);
        options.putHeader("Content-Type", r.contentType());
        long sentAt = System.nanoTime();
        client.request(options)
                .compose(req -> req.send(r.body()))
                .compose(resp -> resp.body().map(body -> resp.statusCode() == 202
                        && body.toString().contains("\"accepted\"") ? null : "HTTP " + resp.statusCode()))
                .onComplete(ar -> {
                    state.inFlight--;
                    state.latency(System.nanoTime() - sentAt);
                    String failure = ar.failed() ? ar.cause().getClass().getSimpleName() : ar.result();
                    if (failure == null) {
                        state.acknowledged.add(r.messageId());
                    } else {
                        state.failures.merge(failure, 1, Integer::sum);
                    }
                    next(client, path, headers, request, state, finished);
                });
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
