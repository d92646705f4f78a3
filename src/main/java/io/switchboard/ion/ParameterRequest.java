package io.switchboard.ion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.HttpProblem;

/** The IMS v3 ParameterRequest part: the fields the hub relies on, plus the original JSON kept whole. */
public record ParameterRequest(String documentName, String messageId, String fromLogicalId, String toLogicalId,
        String encoding, String characterSet, String json) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Parses the JSON part; 400 when it is not a JSON object or lacks documentName/messageId. */
    public static ParameterRequest parse(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("bad_parameter_request", "ParameterRequest is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw HttpProblem.badRequest("bad_parameter_request", "ParameterRequest must be a JSON object");
        }
        String documentName = text(node, "documentName");
        String messageId = text(node, "messageId");
        if (documentName == null || messageId == null) {
            throw HttpProblem.badRequest("bad_parameter_request",
                    "ParameterRequest needs documentName and messageId");
        }
        String encoding = text(node, "encoding");
        String characterSet = text(node, "characterSet");
        return new ParameterRequest(documentName, messageId, text(node, "fromLogicalId"), text(node, "toLogicalId"),
                encoding == null ? "NONE" : encoding, characterSet == null ? "UTF-8" : characterSet, json);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
