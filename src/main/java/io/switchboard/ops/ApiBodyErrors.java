package io.switchboard.ops;

import com.fasterxml.jackson.core.JsonProcessingException;

/** How one /api service names what is wrong with a request body (its documented codes), for ApiJsonBody. */
public interface ApiBodyErrors {

    /** No body, or only whitespace or JSON null. */
    HttpProblem missing();

    /** The raw body is over the service's byte limit. */
    HttpProblem tooLarge(int maxBytes);

    /**
     * Not JSON, or a value of the wrong shape: JsonRequests.fieldPath(e) names the field ("" for the body itself).
     * The message never quotes the value (Jackson's own messages do).
     */
    HttpProblem unreadable(JsonProcessingException e);
}
