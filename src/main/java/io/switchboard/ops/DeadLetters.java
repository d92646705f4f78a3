package io.switchboard.ops;

import io.switchboard.HubJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.store.DeadLetterFilter;
import io.switchboard.store.DeadLetterRecord;
import io.switchboard.store.DeadLetterStore;
import io.switchboard.store.Direction;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The operator's dead-letter desk, shared by JMX and /api/admin: replay (one, or all matching a filter)
 * and discard. A replay claims the row first (DEAD -> REPLAYING), so a dead letter is sent at most once
 * however many operators press the button; it then re-enters the route it failed in with the original
 * body and headers.
 */
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    /** A replay claim this old belongs to a JVM that died mid-replay. */
    private static final Duration STALE_CLAIM = Duration.ofMinutes(15);

    private final CamelContext context;
    private final DeadLetterStore store;
    private final HubMetrics metrics;
    private final int batchLimit;
    private final ObjectMapper json = HubJson.mapper();

    public DeadLetters(CamelContext context, DeadLetterStore store, HubMetrics metrics, int batchLimit) {
        this.context = context;
        this.store = store;
        this.metrics = metrics;
        this.batchLimit = batchLimit;
    }

    public DeadLetterStore store() {
        return store;
    }

    public Optional<DeadLetterRecord> find(long id) {
        return store.find(id);
    }

    public ReplayOutcome replay(long id, String actor) {
        if (store.find(id).isEmpty()) {
            return new ReplayOutcome(id, ReplayOutcome.Result.NOT_FOUND, "no dead letter " + id);
        }
        store.releaseStaleClaims(STALE_CLAIM);
        if (!store.claimForReplay(id)) {
            DeadLetterRecord now = store.find(id).orElseThrow();
            return new ReplayOutcome(id, ReplayOutcome.Result.NOT_REPLAYABLE, "status is " + now.status());
        }
        DeadLetterRecord dl = store.find(id).orElseThrow();
        if (dl.messageId() == null) {
            return replayClaimed(dl, actor);
        }
        try (var mdc = MDC.putCloseable("messageId", dl.messageId())) {
            return replayClaimed(dl, actor);
        }
    }

    private ReplayOutcome replayClaimed(DeadLetterRecord dl, String actor) {
        long id = dl.id();
        Exchange done = send(dl);
        String failure = failure(dl, done);
        boolean delivered = failure == null;
        String replayedAs = done == null ? null
                : done.getMessage().getHeader(DeadLetterRecorder.QUEUED_MESSAGE_ID, String.class);
        if (delivered && replayedAs != null) {
            store.linkReplay(id, Direction.OUT, replayedAs);
        }
        String detail = delivered ? "re-entered " + dl.endpointUri() : failure;
        store.finishReplay(id, delivered, actor, detail);
        metrics.replay(delivered ? "replayed" : "failed");
        LOG.info("event=dead-letter-replay deadLetterId={} route={} messageId={} actor={} outcome={}", id,
                dl.routeId(), dl.messageId(), actor, delivered ? "replayed" : "failed");
        return new ReplayOutcome(id, delivered ? ReplayOutcome.Result.REPLAYED : ReplayOutcome.Result.REPLAY_FAILED,
                detail);
    }

    /** Replays every DEAD letter matching the filter, oldest first, at most the batch limit per call. */
    public List<ReplayOutcome> replayMatching(DeadLetterFilter filter, String actor) {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (long id : store.deadIds(filter, batchLimit)) {
            outcomes.add(replay(id, actor));
        }
        return outcomes;
    }

    /** True when discarded; false when the dead letter is not DEAD (or does not exist). */
    public boolean discard(long id, String actor, String reason) {
        boolean discarded = store.discard(id, actor, reason);
        if (discarded) {
            LOG.info("event=dead-letter-discarded deadLetterId={} actor={} reason=\"{}\"", id, actor,
                    MaskingConverter.mask(reason));
        }
        return discarded;
    }

    /** Sends the original message into its endpoint; the exchange as it came back (null: could not send). */
    private Exchange send(DeadLetterRecord dl) {
        Exchange exchange = new DefaultExchange(context, ExchangePattern.InOut);
        exchange.getIn().setHeaders(headers(dl.headers()));
        exchange.getIn().setBody(dl.body());
        exchange.setProperty(DeadLetterRecorder.REPLAY_OF, dl.id());
        try (ProducerTemplate template = context.createProducerTemplate()) {
            return template.send(dl.endpointUri(), exchange);
        } catch (Exception e) {
            LOG.warn("event=dead-letter-replay-not-sent deadLetterId={} endpoint={} error=\"{}\"", dl.id(),
                    dl.endpointUri(), MaskingConverter.mask(e.getMessage()));
            return null;
        }
    }

    /** Null when the replay went through; else why not (an exception, or the dead-letter channel took it again). */
    private static String failure(DeadLetterRecord dl, Exchange done) {
        if (done == null) {
            return "could not re-enter " + dl.endpointUri();
        }
        Throwable error = done.getException() != null ? done.getException()
                : done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (done.getException() != null || done.getProperty(DeadLetterRecorder.DEAD_LETTER_ID) != null) {
            return "failed again: " + MaskingConverter.mask(error == null ? "see reason"
                    : error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        return null;
    }

    private Map<String, Object> headers(String headersJson) {
        if (headersJson == null || headersJson.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(json.readValue(headersJson, MAP));
        } catch (Exception e) {
            return new LinkedHashMap<>();
        }
    }
}
