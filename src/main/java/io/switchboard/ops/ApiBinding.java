package io.switchboard.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;

/** The request record the REST DSL bound (bindingMode json, type(…)), or the 400 the caller gets instead. */
public final class ApiBinding {

    private ApiBinding() {
    }

    /** Call after authentication: a caller without credentials hears 401, not what is wrong with their body. */
    public static <T> T body(Exchange exchange, Class<T> type) {
        JsonProcessingException failure = exchange.getProperty(ApiJsonDataFormat.BINDING_FAILURE,
                JsonProcessingException.class);
        if (failure != null) {
            throw HttpProblem.badRequest(JsonRequests.MALFORMED, "invalid JSON: " + JsonRequests.where(failure));
        }
        Object body = exchange.getIn().getBody();
        if (body == null || body instanceof String s && s.isBlank()) {
            throw HttpProblem.badRequest(JsonRequests.MALFORMED, "a JSON body is required");
        }
        if (!type.isInstance(body)) {
            throw HttpProblem.badRequest(JsonRequests.MALFORMED, "the body is not a " + type.getSimpleName());
        }
        return type.cast(body);
    }
}
