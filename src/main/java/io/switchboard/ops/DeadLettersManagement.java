package io.switchboard.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.store.DeadLetterFilter;
import io.switchboard.store.DeadLetterStore;

/** Implements the JMX dead-letter operations on {@link DeadLetters}; answers are JSON text. */
public class DeadLettersManagement implements DeadLettersMXBean {

    static final String ACTOR = "jmx";

    private final DeadLetters deadLetters;
    private final AdminViews views;

    public DeadLettersManagement(DeadLetters deadLetters, AdminViews views) {
        this.deadLetters = deadLetters;
        this.views = views;
    }

    @Override
    public long getDeadCount() {
        return deadLetters.store().countByStatus(DeadLetterStore.DEAD);
    }

    @Override
    public Map<String, Long> getCountsByStatus() {
        return deadLetters.store().countsByStatus();
    }

    @Override
    public String list(String status, int offset, int limit) {
        DeadLetterFilter filter = DeadLetterFilter.all().withStatus(status == null || status.isBlank() ? null : status);
        return views.write(deadLetters.store().list(filter, Math.max(0, offset), Math.min(Math.max(1, limit), 500))
                .stream().map(dl -> views.deadLetter(dl, false)).toList());
    }

    @Override
    public String show(long id) {
        return deadLetters.find(id).map(dl -> views.write(views.deadLetter(dl, true)))
                .orElseThrow(() -> new IllegalArgumentException("no dead letter " + id));
    }

    @Override
    public String replay(long id) {
        return views.write(DeadLetterApi.outcome(deadLetters.replay(id, ACTOR)));
    }

    @Override
    public String replayByDocumentName(String documentName) {
        if (documentName == null || documentName.isBlank()) {
            throw new IllegalArgumentException("documentName is required");
        }
        return summary(deadLetters.replayMatching(
                new DeadLetterFilter(null, documentName, null, null, null), ACTOR));
    }

    @Override
    public String replayByTimeRange(String from, String to) {
        try {
            return summary(deadLetters.replayMatching(new DeadLetterFilter(null, null, null,
                    DeadLetterApi.instant(from, "from"), DeadLetterApi.instant(to, "to")), ACTOR));
        } catch (HttpProblem e) {
            // JMX clients see only standard exceptions
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public String replayAll() {
        return summary(deadLetters.replayMatching(DeadLetterFilter.all(), ACTOR));
    }

    @Override
    public String discard(long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a discard needs a reason");
        }
        boolean discarded = deadLetters.discard(id, ACTOR, reason);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("discarded", discarded);
        answer.put("status", deadLetters.find(id).map(dl -> dl.status()).orElse("NOT_FOUND"));
        return views.write(answer);
    }

    private String summary(List<ReplayOutcome> outcomes) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ReplayOutcome.Result r : ReplayOutcome.Result.values()) {
            m.put(r.name(), outcomes.stream().filter(o -> o.result() == r).count());
        }
        m.put("outcomes", outcomes.stream().map(DeadLetterApi::outcome).toList());
        return views.write(m);
    }
}
