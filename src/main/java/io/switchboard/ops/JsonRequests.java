package io.switchboard.ops;

import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What to say about an /api request body that did not bind: where and what kind of error, never the value
 * (Jackson's own messages quote the input, a password included).
 */
public final class JsonRequests {

    public static final String MALFORMED = "malformed_json";

    // a field name comes from the request: bounded before it goes into an answer
    private static final int MAX_NAME_IN_ANSWER = 64;

    private JsonRequests() {
    }

    /** Where the body went wrong: the unknown or mistyped field, line and column; never the value. */
    public static String where(JsonProcessingException e) {
        return where(e, 0);
    }

    /** As where(e), naming the field from the path's skip-th step on (an import names a user by position first). */
    public static String where(JsonProcessingException e, int skip) {
        String kind;
        String path = fieldPath(e, skip);
        if (e instanceof UnrecognizedPropertyException u) {
            kind = "unknown field '" + bounded(u.getPropertyName()) + "'";
        } else if (e instanceof JsonMappingException && !path.isEmpty()) {
            kind = "field '" + path + "' has the wrong type";
        } else {
            kind = "cannot read the value";
        }
        var at = e.getLocation();
        return at == null ? kind : kind + " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    /** The field a binding error is about ("members[1]", "phones"); "" for the body itself or a syntax error. */
    public static String fieldPath(JsonProcessingException e) {
        return fieldPath(e, 0);
    }

    private static String fieldPath(JsonProcessingException e, int skip) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        List<JsonMappingException.Reference> refs = m.getPath();
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : refs.subList(Math.min(skip, refs.size()), refs.size())) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return bounded(path.toString());
    }

    /** Which step of the binding error's path is its first array element (-1 if none): an import's user. */
    public static int firstIndex(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            List<JsonMappingException.Reference> refs = m.getPath();
            for (int i = 0; i < refs.size(); i++) {
                if (refs.get(i).getFieldName() == null && refs.get(i).getIndex() >= 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A JSON syntax error or a document over the parser's limits (not a value of the wrong shape). */
    public static boolean isSyntax(JsonProcessingException e) {
        // a binding wraps what the parser met on the way (an unclosed object) with the path it had reached
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException || t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return !(e instanceof JsonMappingException);
    }

    private static String bounded(String name) {
        if (name == null) {
            return "";
        }
        return name.length() <= MAX_NAME_IN_ANSWER ? name : name.substring(0, MAX_NAME_IN_ANSWER) + "…";
    }
}
