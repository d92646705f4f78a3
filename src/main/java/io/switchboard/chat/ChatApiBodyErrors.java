package io.switchboard.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.ops.ApiBodyErrors;
import io.switchboard.ops.HttpProblem;
import io.switchboard.ops.JsonRequests;

/** The body errors of /api/chat/** (docs/chat-api.md): 413 payload_too_large, 400 invalid_json or invalid_field. */
final class ChatApiBodyErrors implements ApiBodyErrors {

    static final ChatApiBodyErrors INSTANCE = new ChatApiBodyErrors();

    private ChatApiBodyErrors() {
    }

    @Override
    public HttpProblem missing() {
        return HttpProblem.badRequest("invalid_json", "a JSON object body is required");
    }

    @Override
    public HttpProblem tooLarge(int maxBytes) {
        return new HttpProblem(413, "payload_too_large", "request body over " + maxBytes + " bytes");
    }

    @Override
    public HttpProblem unreadable(JsonProcessingException e) {
        if (JsonRequests.isSyntax(e)) {
            return HttpProblem.badRequest("invalid_json", "the body is not valid JSON");
        }
        String field = JsonRequests.fieldPath(e);
        if (field.isEmpty()) {
            return HttpProblem.badRequest("invalid_json", "the body must be a JSON object");
        }
        return HttpProblem.badRequest("invalid_field", field + " has the wrong type: " + expected(field));
    }

    // the shape each field takes (ChatRequests): strings, lists of usernames, customData an object
    private static String expected(String field) {
        if (field.equals("customData")) {
            return "a JSON object";
        }
        if (field.contains("[")) {
            return "a username (a string)";
        }
        if (field.equals("members") || field.equals("admins") || field.equals("owners")) {
            return "an array of at most 500 usernames (strings)";
        }
        return "a string";
    }
}
