package io.switchboard.ion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.FieldLimit;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** POST /api/ion/outbox: {documentName, toLogicalId?, variation?, payload} → 202 {"messageId": …}. */
public class OutboxApiRoutes extends RouteBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    // message.to_logical_id (V1__store.sql); the variation travels in the parameters JSON, bounded like an id
    private static final FieldLimit TO_LOGICAL_ID = new FieldLimit("toLogicalId", 200);
    private static final FieldLimit VARIATION = new FieldLimit("variation", 200);

    private final OutboxEnqueue enqueue;
    private final int maxPayloadBytes;

    public OutboxApiRoutes(OutboxEnqueue enqueue, int maxPayloadBytes) {
        this.enqueue = enqueue;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void configure() {
        from("platform-http:/api/ion/outbox?httpMethodRestrict=POST").routeId("ion-outbox-api")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication")
                .process(this::accept);
    }

    private void accept(Exchange exchange) throws IOException {
        byte[] raw = exchange.getIn().getBody(byte[].class);
        if (raw == null || raw.length == 0) {
            throw HttpProblem.badRequest("missing_body", "JSON body {documentName, payload} required");
        }
        if (raw.length > maxPayloadBytes) {
            throw new HttpProblem(413, "too_large", "request exceeds hub.ion.max-payload-bytes=" + maxPayloadBytes);
        }
        JsonNode request;
        try {
            request = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw HttpProblem.badRequest("invalid_json", "body is not valid JSON");
        }
        if (request == null || !request.isObject()) {
            throw HttpProblem.badRequest("invalid_json", "body must be a JSON object");
        }
        String documentName = text(request, "documentName");
        String payload = text(request, "payload");
        if (documentName == null || documentName.isBlank()) {
            throw HttpProblem.badRequest("missing_field", "field 'documentName' is required");
        }
        if (documentName.length() > 200 || !documentName.matches("[A-Za-z0-9_.:-]+")) {
            throw HttpProblem.badRequest("invalid_field", "field 'documentName' must be a BOD name like SyncSalesOrder");
        }
        if (payload == null || payload.isBlank()) {
            throw HttpProblem.badRequest("missing_field", "field 'payload' is required (the BOD XML)");
        }
        String problem = OutboxPayloadCheck.problem(payload);
        if (problem != null) {
            throw HttpProblem.badRequest("invalid_payload", problem);
        }
        String messageId = enqueue.enqueue(documentName, TO_LOGICAL_ID.check(text(request, "toLogicalId")),
                VARIATION.check(text(request, "variation")), payload);
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(JSON.writeValueAsString(java.util.Map.of("messageId", messageId)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HttpProblem.badRequest("invalid_field", "field '" + field + "' must be a string");
        }
        return value.asText();
    }
}
