package io.switchboard.ops;

import io.switchboard.HubJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.store.DeadLetterFilter;
import io.switchboard.store.DeadLetterRecord;
import io.switchboard.store.DeadLetterStore;
import org.apache.camel.Exchange;

/** The /api/admin/dead-letters requests: parse and validate, call {@link DeadLetters}, answer JSON. */
public class DeadLetterApi {

    static final String ACTOR = "api";
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_PAGE = 500;
    private static final Set<String> STATUSES = Set.of(DeadLetterStore.DEAD, DeadLetterStore.REPLAYING,
            DeadLetterStore.REPLAYED, DeadLetterStore.DISCARDED);

    private final DeadLetters deadLetters;
    private final AdminViews views;
    private final ObjectMapper json = HubJson.mapper();

    public DeadLetterApi(DeadLetters deadLetters, AdminViews views) {
        this.deadLetters = deadLetters;
        this.views = views;
    }

    /** GET /api/admin/dead-letters?status&documentName&routeId&from&to&offset&limit */
    public void list(Exchange exchange) {
        DeadLetterFilter filter = new DeadLetterFilter(status(query(exchange, "status")),
                query(exchange, "documentName"), query(exchange, "routeId"),
                instant(query(exchange, "from"), "from"), instant(query(exchange, "to"), "to"));
        int offset = number(query(exchange, "offset"), "offset", 0, 0, Integer.MAX_VALUE);
        int limit = number(query(exchange, "limit"), "limit", 50, 1, MAX_PAGE);
        List<Map<String, Object>> items = deadLetters.store().list(filter, offset, limit).stream()
                .map(dl -> views.deadLetter(dl, false)).toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", deadLetters.store().count(filter));
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("items", items);
        answer(exchange, 200, page);
    }

    /** GET /api/admin/dead-letters/{id} */
    public void show(Exchange exchange) {
        DeadLetterRecord dl = deadLetters.find(id(exchange))
                .orElseThrow(() -> HttpProblem.notFound("no dead letter " + exchange.getIn().getHeader("id")));
        answer(exchange, 200, views.deadLetter(dl, true));
    }

    /** POST /api/admin/dead-letters/{id}/replay */
    public void replay(Exchange exchange) {
        ReplayOutcome outcome = deadLetters.replay(id(exchange), ACTOR);
        switch (outcome.result()) {
            case NOT_FOUND -> throw HttpProblem.notFound(outcome.detail());
            case NOT_REPLAYABLE -> throw new HttpProblem(409, "not_replayable",
                    "dead letter " + outcome.deadLetterId() + " is not DEAD (" + outcome.detail() + ")");
            default -> answer(exchange, 200, outcome(outcome));
        }
    }

    /** The body of POST /api/admin/dead-letters/replay (optional: none is {}); unknown fields are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReplayFilter(String documentName, String routeId, String from, String to, Boolean all) {
    }

    /** The body of POST /api/admin/dead-letters/{id}/discard. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DiscardRequest(String reason) {
    }

    /** The body errors of /api/admin: 413 too_large, 400 invalid_json (bound in AdminRoutes, after authentication). */
    static final ApiBodyErrors BODY_ERRORS = new ApiBodyErrors() {
        @Override
        public HttpProblem missing() {
            return HttpProblem.badRequest("invalid_json", "a JSON object body is required");
        }

        @Override
        public HttpProblem tooLarge(int maxBytes) {
            return new HttpProblem(413, "too_large", "request body over " + maxBytes + " bytes");
        }

        @Override
        public HttpProblem unreadable(JsonProcessingException e) {
            if (JsonRequests.isSyntax(e)) {
                return HttpProblem.badRequest("invalid_json", "the body is not valid JSON");
            }
            String field = JsonRequests.fieldPath(e);
            return HttpProblem.badRequest("invalid_json", field.isEmpty() ? "the body must be a JSON object"
                    : "field '" + field + "' has the wrong type");
        }
    };

    /** POST /api/admin/dead-letters/replay {"documentName","routeId","from","to"} or {"all":true} */
    public void replayMatching(Exchange exchange) {
        ReplayFilter body = exchange.getIn().getBody(ReplayFilter.class);
        DeadLetterFilter filter = new DeadLetterFilter(null, body.documentName(), body.routeId(),
                instant(body.from(), "from"), instant(body.to(), "to"));
        boolean all = Boolean.TRUE.equals(body.all());
        if (filter.equals(DeadLetterFilter.all()) && !all) {
            throw HttpProblem.badRequest("missing_filter",
                    "give documentName, routeId, from and/or to, or {\"all\":true} to replay every dead letter");
        }
        List<ReplayOutcome> outcomes = deadLetters.replayMatching(filter, ACTOR);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("replayed", outcomes.stream().filter(o -> o.result() == ReplayOutcome.Result.REPLAYED).count());
        summary.put("failed", outcomes.stream().filter(o -> o.result() == ReplayOutcome.Result.REPLAY_FAILED).count());
        summary.put("skipped", outcomes.stream().filter(o -> o.result() == ReplayOutcome.Result.NOT_REPLAYABLE
                || o.result() == ReplayOutcome.Result.NOT_FOUND).count());
        summary.put("outcomes", outcomes.stream().map(DeadLetterApi::outcome).toList());
        answer(exchange, 200, summary);
    }

    /** POST /api/admin/dead-letters/{id}/discard {"reason":"…"} */
    public void discard(Exchange exchange) {
        long id = id(exchange);
        String reason = exchange.getIn().getBody(DiscardRequest.class).reason();
        if (reason == null || reason.isBlank()) {
            throw HttpProblem.badRequest("missing_reason", "a discard needs {\"reason\":\"why\"}");
        }
        if (!deadLetters.discard(id, ACTOR, reason)) {
            DeadLetterRecord dl = deadLetters.find(id).orElseThrow(() -> HttpProblem.notFound("no dead letter " + id));
            throw new HttpProblem(409, "not_discardable", "dead letter " + id + " is " + dl.status() + ", not DEAD");
        }
        answer(exchange, 200, views.deadLetter(deadLetters.find(id).orElseThrow(), true));
    }

    static Map<String, Object> outcome(ReplayOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.deadLetterId());
        m.put("result", o.result().name());
        m.put("detail", o.detail());
        return m;
    }

    void answer(Exchange exchange, int status, Object body) {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(views.write(body));
    }

    private static String query(Exchange exchange, String name) {
        String v = exchange.getIn().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static long id(Exchange exchange) {
        String raw = exchange.getIn().getHeader("id", String.class);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("invalid_id", "dead-letter id must be a number, was '" + raw + "'");
        }
    }

    private static String status(String raw) {
        if (raw != null && !STATUSES.contains(raw)) {
            throw HttpProblem.badRequest("invalid_status", "status must be one of " + STATUSES);
        }
        return raw;
    }

    static Instant instant(String raw, String name) {
        try {
            return raw == null || raw.isBlank() ? null : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest("invalid_" + name, name + " must be an ISO-8601 instant like 2026-01-31T12:00:00Z");
        }
    }

    private static int number(String raw, String name, int fallback, int min, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < min || n > max) {
                throw HttpProblem.badRequest("invalid_" + name, name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest("invalid_" + name, name + " must be a whole number");
        }
    }
}
