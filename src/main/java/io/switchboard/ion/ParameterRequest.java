package io.switchboard.ion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.HubJson;
import io.switchboard.ops.FieldLimit;
import io.switchboard.ops.HttpProblem;

/** The IMS v3 ParameterRequest part: the fields the hub relies on, plus the original JSON kept whole. */
public record ParameterRequest(String documentName, String messageId, String fromLogicalId, String toLogicalId,
        String encoding, String characterSet, String json) {

    private static final ObjectMapper MAPPER = HubJson.mapper();
    // the columns of table message (V1__store.sql) these fields are stored in
    static final FieldLimit DOCUMENT_NAME = new FieldLimit("documentName", 200);
    static final FieldLimit MESSAGE_ID = new FieldLimit("messageId", 200);
    static final FieldLimit FROM_LOGICAL_ID = new FieldLimit("fromLogicalId", 200);
    static final FieldLimit TO_LOGICAL_ID = new FieldLimit("toLogicalId", 200);

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
        DOCUMENT_NAME.check(documentName);
        MESSAGE_ID.check(messageId);
        String encoding = text(node, "encoding");
        String characterSet = text(node, "characterSet");
        return new ParameterRequest(documentName, messageId, FROM_LOGICAL_ID.check(text(node, "fromLogicalId")),
                TO_LOGICAL_ID.check(text(node, "toLogicalId")),
                encoding == null ? "NONE" : encoding, characterSet == null ? "UTF-8" : characterSet, json);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
