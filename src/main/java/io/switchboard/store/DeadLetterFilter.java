package io.switchboard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which dead letters an operator means; null fields match everything. */
public record DeadLetterFilter(String status, String documentName, String routeId, Instant from, Instant to) {

    public static DeadLetterFilter all() {
        return new DeadLetterFilter(null, null, null, null, null);
    }

    public DeadLetterFilter withStatus(String newStatus) {
        return new DeadLetterFilter(newStatus, documentName, routeId, from, to);
    }

    /** The WHERE clause (always present) with its parameters appended to params. */
    String where(List<Object> params) {
        List<String> terms = new ArrayList<>();
        terms.add("1 = 1");
        add(terms, params, "status = ?", status);
        add(terms, params, "document_name = ?", documentName);
        add(terms, params, "route_id = ?", routeId);
        add(terms, params, "created_at >= ?", from);
        add(terms, params, "created_at < ?", to);
        return " WHERE " + String.join(" AND ", terms);
    }

    private static void add(List<String> terms, List<Object> params, String term, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            terms.add(term);
            params.add(value);
        }
    }
}
