package io.switchboard.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.MessageCount;
import io.switchboard.store.MessageStore;
import io.switchboard.store.OldestMessage;

/**
 * The hub's business meters, a Micrometer {@link MeterBinder} bound to Camel's registry (camel.metrics.*
 * supplies the route and exchange meters beside them). Gauges are read from the store and the peer
 * monitors on every scrape (refresh()), so no integration has to report to us; counters count events.
 */
public class HubMetrics implements MeterBinder {

    private final MessageStore messages;
    private final DeadLetterStore deadLetters;
    private final PeerMonitors peers;
    private volatile MeterRegistry registry;
    private MultiGauge messagesByDocument;
    private MultiGauge queueDepth;
    private MultiGauge deadLettersByStatus;
    private MultiGauge oldestMessage;
    private MultiGauge peerHealthy;
    private MultiGauge peerQueueDepth;
    private final Duration storeInterval;
    private Instant storeReadAt;

    /**
     * storeInterval (hub.metrics.store-refresh-ms): the message-table gauges are read at most this often,
     * however often the endpoint is scraped (each read scans the table; a scraper polling every 100 ms
     * under load took a third of the hub's CPU).
     */
    public HubMetrics(MessageStore messages, DeadLetterStore deadLetters, PeerMonitors peers, Duration storeInterval) {
        this.messages = messages;
        this.deadLetters = deadLetters;
        this.peers = peers;
        this.storeInterval = storeInterval;
    }

    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        messagesByDocument = MultiGauge.builder("switchboard.messages")
                .description("Message rows per direction (IN = from ION, OUT = to ION), document and status")
                .register(meterRegistry);
        queueDepth = MultiGauge.builder("switchboard.queue.depth")
                .description("Message rows per direction and status (QUEUED/HELD/RECEIVED are waiting)")
                .register(meterRegistry);
        oldestMessage = MultiGauge.builder("switchboard.oldest.message.age").baseUnit("seconds")
                .description("Age of the oldest message row per direction and status (how long a queue has waited)")
                .register(meterRegistry);
        deadLettersByStatus = MultiGauge.builder("switchboard.dead.letters")
                .description("Dead letters per status (DEAD waits for an operator)").register(meterRegistry);
        peerHealthy = MultiGauge.builder("switchboard.peer.healthy")
                .description("1 when the peer works as it should, 0 when it is unhealthy (enabled peers only)")
                .register(meterRegistry);
        peerQueueDepth = MultiGauge.builder("switchboard.peer.queue.depth")
                .description("Queue depths each peer integration reports").register(meterRegistry);
        registry = meterRegistry;
    }

    public void deadLetterRecorded(String routeId) {
        count("switchboard.dead.letters.recorded", "Dead letters recorded, per failing route", "route", routeId);
    }

    public void redelivery(String routeId) {
        count("switchboard.redeliveries", "Redelivery attempts, per route", "route", routeId);
    }

    public void replay(String outcome) {
        count("switchboard.dead.letter.replays", "Dead-letter replays by outcome", "outcome", outcome);
    }

    private void count(String name, String description, String tag, String value) {
        MeterRegistry bound = registry;
        if (bound != null) {
            Counter.builder(name).description(description).tag(tag, value).register(bound).increment();
        }
    }

    /** Re-reads the gauges; called before each scrape. */
    public synchronized void refresh() {
        if (registry == null) {
            return;
        }
        Instant now = Instant.now();
        if (storeReadAt == null || !now.isBefore(storeReadAt.plus(storeInterval))) {
            storeReadAt = now;
            refreshMessageGauges(now);
        }
        refreshOtherGauges();
    }

    private void refreshMessageGauges(Instant now) {
        List<MultiGauge.Row<?>> byDocument = new ArrayList<>();
        Map<List<String>, Long> byStatus = new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
        for (MessageCount c : messages.countsByDocument()) {
            byDocument.add(MultiGauge.Row.of(Tags.of("direction", c.direction(), "document", c.documentName(),
                    "status", c.status()), c.count()));
            byStatus.merge(List.of(c.direction(), c.status()), c.count(), Long::sum);
        }
        messagesByDocument.register(byDocument, true);
        List<MultiGauge.Row<?>> depth = new ArrayList<>();
        byStatus.forEach((k, v) -> depth.add(MultiGauge.Row.of(Tags.of("direction", k.get(0), "status", k.get(1)), v)));
        queueDepth.register(depth, true);

        List<MultiGauge.Row<?>> oldest = new ArrayList<>();
        for (OldestMessage o : messages.oldestByStatus()) {
            if (o.createdAt() != null) {
                oldest.add(MultiGauge.Row.of(Tags.of("direction", o.direction(), "status", o.status()),
                        Math.max(0, Duration.between(o.createdAt(), now).toMillis()) / 1000.0));
            }
        }
        oldestMessage.register(oldest, true);
    }

    private void refreshOtherGauges() {

        Map<String, Long> dead = new TreeMap<>(Map.of(DeadLetterStore.DEAD, 0L));
        dead.putAll(deadLetters.countsByStatus());
        List<MultiGauge.Row<?>> deadRows = new ArrayList<>();
        dead.forEach((status, n) -> deadRows.add(MultiGauge.Row.of(Tags.of("status", status), n)));
        deadLettersByStatus.register(deadRows, true);

        List<MultiGauge.Row<?>> healthy = new ArrayList<>();
        List<MultiGauge.Row<?>> peerDepth = new ArrayList<>();
        for (PeerMonitor peer : peers.all()) {
            if (peer.enabled()) {
                healthy.add(MultiGauge.Row.of(Tags.of("peer", peer.name()), peer.healthy() ? 1 : 0));
            }
            Map<String, Long> depths = peer.queueDepths();
            if (depths != null) {
                depths.forEach((queue, n) -> peerDepth.add(
                        MultiGauge.Row.of(Tags.of("peer", peer.name(), "queue", queue), n)));
            }
        }
        peerHealthy.register(healthy, true);
        peerQueueDepth.register(peerDepth, true);
    }
}
