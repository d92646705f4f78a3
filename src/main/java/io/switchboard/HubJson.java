package io.switchboard;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The hub's one JSON mapper, configured once here and bound as "objectMapper": Camel's Jackson data format
 * (camel.dataformat.jackson.auto-discover-object-mapper), the REST DSL and every handler use it.
 * Unknown fields fail (a request record that accepts extras says so with @JsonIgnoreProperties), no default
 * typing (a request never names a Java class), and parser limits bound what one document may cost; the
 * body itself is capped before it is read (camel.component.platform-http / per-API limits).
 * Never reconfigure it after start: it is shared by every thread.
 */
public final class HubJson {

    // Jackson 2's defaults, stated so a change is a visible decision: depth 1000, 20 M chars per string, 1000 digits
    static final int MAX_NESTING_DEPTH = 1000;
    static final int MAX_STRING_LENGTH = 20_000_000;
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final ObjectMapper MAPPER = create();

    private HubJson() {
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        return mapper;
    }
}
