package io.switchboard.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * C clients, each sending its next request as soon as the previous one is answered (closed loop,
 * like ION's delivery threads), until `messages` requests were sent or the time limit passed.
 */
final class ClosedLoop {

    /** What came back: ids the server acknowledged, failure counts by cause, latencies, wall time. */
    record Outcome(int sent, Set<String> acknowledged, Map<String, Integer> failures, Latencies latencies,
            double seconds, long startNanos) {

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        String note(int messages) {
            String note = failures.isEmpty() ? "" : "failures " + failures;
            return sent < messages ? (note + " stopped at BENCH_MAX_SECONDS after " + sent).trim() : note;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration maxDuration;

    ClosedLoop(Duration maxDuration) {
        this.maxDuration = maxDuration;
    }

    /**
     * request(i) builds the i-th request (outside the timed part); acknowledge(i, response) returns the
     * acknowledged id, or null when the answer is a failure.
     */
    Outcome run(int clients, int messages, IntFunction<HttpRequest> request,
            BiFunction<Integer, HttpResponse<String>, String> acknowledge) throws InterruptedException {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        long[] latencies = new long[messages];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < messages && System.nanoTime() < deadline) {
                    HttpRequest r = request.apply(i);
                    long sent = System.nanoTime();
                    String id;
                    String failure = null;
                    try {
                        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
                        id = acknowledge.apply(i, response);
                        if (id == null) {
                            failure = "HTTP " + response.statusCode();
                        }
                    } catch (IOException e) {
                        id = null;
                        failure = e.getClass().getSimpleName();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies[done.getAndIncrement()] = System.nanoTime() - sent;
                    if (id != null) {
                        acknowledged.add(id);
                    } else {
                        failures.computeIfAbsent(failure, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(maxDuration.toSeconds() + 90, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> counted = new TreeMap<>();
        failures.forEach((k, v) -> counted.put(k, v.get()));
        int sent = done.get();
        return new Outcome(sent, Set.copyOf(acknowledged), counted, Latencies.of(Arrays.copyOf(latencies, sent)),
                seconds, start);
    }
}
