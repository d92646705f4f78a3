package io.switchboard.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * What ION and the internal systems send while instances die: IMS messages (sales orders, and escalated
 * service orders that open a chat room and page the on-call), and outbox BODs. An IMS message is posted
 * again with the same messageId until some instance answers 202, as ION does; an outbox BOD counts
 * only when its 202 arrived (the outbox API has no client idempotency key, so it is not re-posted).
 */
final class Workload {

    static final String API_KEY = "reliability-api-key";
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

    private final List<HubJar> hubs;
    private final String salesOrder;
    private final String escalation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1);
    // a hub slower than the offered rate drops offers instead of piling up a backlog
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(8, 8, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(64), new ThreadPoolExecutor.DiscardPolicy());
    private final AtomicInteger imsSeq = new AtomicInteger();
    private final AtomicInteger outboxSeq = new AtomicInteger();

    final Set<String> imsAcknowledged = ConcurrentHashMap.newKeySet();
    final Set<String> escalationsAcknowledged = ConcurrentHashMap.newKeySet();
    final Set<String> outboxAcknowledged = ConcurrentHashMap.newKeySet();
    final AtomicInteger imsPosts = new AtomicInteger();
    final AtomicInteger imsRefused = new AtomicInteger();
    final AtomicInteger outboxPosts = new AtomicInteger();
    final AtomicInteger outboxNotAcknowledged = new AtomicInteger();
    final Set<String> answers = ConcurrentHashMap.newKeySet();

    Workload(List<HubJar> hubs, Path fixtures) throws IOException {
        this.hubs = hubs;
        this.salesOrder = Files.readString(fixtures.resolve("SyncSalesOrder.xml"));
        this.escalation = Files.readString(fixtures.resolve("SyncServiceOrder-escalated.xml"));
    }

    /** Starts sending: imsPerSecond IMS messages (every fourth an escalation), outboxPerSecond BODs. */
    void start(int imsPerSecond, int outboxPerSecond) {
        ticks.scheduleAtFixedRate(() -> senders.submit(this::oneImsMessage), 0, 1_000_000 / imsPerSecond,
                TimeUnit.MICROSECONDS);
        ticks.scheduleAtFixedRate(() -> senders.submit(this::oneOutboxBod), 0, 1_000_000 / outboxPerSecond,
                TimeUnit.MICROSECONDS);
    }

    /** No new messages; offers not started are dropped, the ones being re-posted finish (some instance is up). */
    void stop() throws InterruptedException {
        ticks.shutdownNow();
        senders.getQueue().clear();
        senders.shutdown();
        if (!senders.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("IMS messages still not acknowledged after 5 minutes");
        }
    }

    private void oneImsMessage() {
        int n = imsSeq.incrementAndGet();
        boolean escalated = n % 4 == 0;
        String messageId = "rel-ims-" + n;
        String key = "WO-R" + n;
        String document = escalated ? "SyncServiceOrder" : "SyncSalesOrder";
        String bod = escalated ? escalation.replace("WO-77", key) : salesOrder;
        Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> postIms(document, messageId, bod));
        imsAcknowledged.add(messageId);
        if (escalated) {
            escalationsAcknowledged.add(key);
        }
    }

    private boolean postIms(String document, String messageId, String bod) {
        imsPosts.incrementAndGet();
        int status = send(ImsPost.request(anyLive().url(""), document, messageId, bod));
        if (status != 202) {
            imsRefused.incrementAndGet();
        }
        return status == 202;
    }

    private void oneOutboxBod() {
        int n = outboxSeq.incrementAndGet();
        String body = "{\"documentName\":\"SyncReliabilityProbe\",\"toLogicalId\":\"lid://infor.m3.acme\","
                + "\"payload\":\"<SyncReliabilityProbe><Seq>" + n + "</Seq></SyncReliabilityProbe>\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(anyLive().url("/api/ion/outbox")))
                .header("Content-Type", "application/json").header("X-API-Key", API_KEY)
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        outboxPosts.incrementAndGet();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answers.add(response.statusCode() + " " + response.body());
            Matcher id = MESSAGE_ID.matcher(response.body());
            if (response.statusCode() == 202 && id.find()) {
                outboxAcknowledged.add(id.group(1));
                return;
            }
        } catch (IOException e) {
            // connection refused or cut by a kill: not acknowledged, the caller knows it was not taken
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outboxNotAcknowledged.incrementAndGet();
    }

    private int send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answers.add(response.statusCode() + " " + response.body());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HubJar anyLive() {
        List<HubJar> live = hubs.stream().filter(HubJar::alive).toList();
        List<HubJar> pool = live.isEmpty() ? hubs : live;
        return pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
    }
}
