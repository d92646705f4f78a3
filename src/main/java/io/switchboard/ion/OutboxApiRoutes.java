package io.switchboard.ion;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.ApiBodyErrors;
import io.switchboard.ops.ApiJsonBody;
import io.switchboard.ops.ApiRestConfiguration;
import io.switchboard.ops.FieldLimit;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import io.switchboard.ops.JsonRequests;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** POST /api/ion/outbox: {documentName, toLogicalId?, variation?, payload} → 202 {"messageId": …} (REST DSL). */
public class OutboxApiRoutes extends RouteBuilder {

    // message.to_logical_id (V1__store.sql); the variation travels in the parameters JSON, bounded like an id
    private static final FieldLimit TO_LOGICAL_ID = new FieldLimit("toLogicalId", 200);
    private static final FieldLimit VARIATION = new FieldLimit("variation", 200);

    private final ObjectMapper json;
    private final OutboxEnqueue enqueue;
    private final int maxPayloadBytes;

    public OutboxApiRoutes(ObjectMapper json, OutboxEnqueue enqueue, int maxPayloadBytes) {
        this.json = json;
        this.enqueue = enqueue;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void configure() {
        // bound in the route after authentication (ApiJsonBody): 413 on the raw bytes before anything is parsed
        ApiRestConfiguration.secured(rest("/api/ion/outbox").description("Internal systems: queue a BOD for ION"))
                .post().routeId("ion-outbox-api").consumes("application/json").produces("application/json")
                    .description("Queue a BOD for ION; stored before the 202, sent in order per document")
                    .type(OutboxRequest.class).outType(OutboxAccepted.class)
                    .responseMessage().code(202).message("queued, with the message id").endResponseMessage()
                    .responseMessage().code(400).message("missing/invalid field or payload not XML").endResponseMessage()
                    .responseMessage().code(413).message("over hub.ion.max-payload-bytes").endResponseMessage()
                    .to("direct:ion-outbox-api");
        from("direct:ion-outbox-api").routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication")
                .unmarshal(new ApiJsonBody(OutboxRequest.class, maxPayloadBytes, new BodyErrors()))
                .process(this::accept);
    }

    /** What is wrong with an outbox body, in this API's codes (docs/ion-outbound.md). */
    private static final class BodyErrors implements ApiBodyErrors {

        @Override
        public HttpProblem missing() {
            return HttpProblem.badRequest("missing_body", "JSON body {documentName, payload} required");
        }

        @Override
        public HttpProblem tooLarge(int maxBytes) {
            return new HttpProblem(413, "too_large", "request exceeds hub.ion.max-payload-bytes=" + maxBytes);
        }

        @Override
        public HttpProblem unreadable(JsonProcessingException e) {
            if (JsonRequests.isSyntax(e)) {
                return HttpProblem.badRequest("invalid_json", "body is not valid JSON");
            }
            String field = JsonRequests.fieldPath(e);
            return field.isEmpty() ? HttpProblem.badRequest("invalid_json", "body must be a JSON object")
                    : HttpProblem.badRequest("invalid_field", "field '" + field + "' must be a string");
        }
    }

    private void accept(Exchange exchange) throws IOException {
        OutboxRequest request = exchange.getIn().getBody(OutboxRequest.class);
        String documentName = request.documentName();
        String payload = request.payload();
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
        OutboxRequest accepted = new OutboxRequest(documentName, TO_LOGICAL_ID.check(request.toLogicalId()),
                VARIATION.check(request.variation()), payload);
        String messageId = enqueue.enqueue(accepted.documentName(), accepted.toLogicalId(), accepted.variation(),
                accepted.payload());
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsString(new OutboxAccepted(messageId)));
    }
}
