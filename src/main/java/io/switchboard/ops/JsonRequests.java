package io.switchboard.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.apache.camel.Exchange;

/**
 * Reads an /api request body into its request type with the hub's mapper, after the caller is authenticated:
 * a missing or unreadable body is a 400 that says where and what kind of error, never the value (Jackson's own
 * messages quote the input, a password included).
 */
public final class JsonRequests {

    public static final String MALFORMED = "malformed_json";

    // a field name comes from the request: bounded before it goes into an answer
    private static final int MAX_NAME_IN_ANSWER = 64;

    private JsonRequests() {
    }

    public static <T> T read(ObjectMapper json, Exchange exchange, Class<T> type) {
        String body = exchange.getIn().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw HttpProblem.badRequest(MALFORMED, "a JSON body is required");
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest(MALFORMED, "invalid JSON: " + where(e));
        }
    }

    /** Where the body went wrong: the unknown or mistyped field, line and column; never the value. */
    public static String where(JsonProcessingException e) {
        String kind;
        if (e instanceof UnrecognizedPropertyException u) {
            kind = "unknown field '" + bounded(u.getPropertyName()) + "'";
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            kind = "field '" + bounded(path(m)) + "' has the wrong type";
        } else {
            kind = "cannot read the value";
        }
        var at = e.getLocation();
        return at == null ? kind : kind + " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    private static String path(JsonMappingException m) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String bounded(String name) {
        if (name == null) {
            return "";
        }
        return name.length() <= MAX_NAME_IN_ANSWER ? name : name.substring(0, MAX_NAME_IN_ANSWER) + "…";
    }
}
