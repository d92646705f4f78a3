package io.switchboard.ion;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.switchboard.ops.JsonText;

/**
 * The body of POST /api/ion/outbox: a BOD for ION (its schema in /api/openapi.json), bound in the route.
 * Unknown fields are ignored; a field that is not a JSON string is 400 invalid_field naming it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutboxRequest(@JsonDeserialize(using = JsonText.class) String documentName,
                            @JsonDeserialize(using = JsonText.class) String toLogicalId,
                            @JsonDeserialize(using = JsonText.class) String variation,
                            @JsonDeserialize(using = JsonText.class) String payload) {
}
