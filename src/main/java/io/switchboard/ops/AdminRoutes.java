package io.switchboard.ops;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;

/** /api/admin/**: the operator's HTTP API for dead letters and message journeys (REST DSL, authenticated). */
public class AdminRoutes extends RouteBuilder {

    private final DeadLetterApi deadLetters;
    private final MessageJourneyApi journeys;

    public AdminRoutes(DeadLetterApi deadLetters, MessageJourneyApi journeys) {
        this.deadLetters = deadLetters;
        this.journeys = journeys;
    }

    @Override
    public void configure() {
        ApiRestConfiguration.secured(rest("/api/admin").description("Operators: dead letters and message journeys"))
                .produces("application/json")
                .get("/dead-letters").routeId("admin-dead-letters-list")
                    .description("Dead letters, newest first, filtered and paged").outType(Map.class)
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("DEAD, REPLAYING, REPLAYED or DISCARDED").endParam()
                    .param().name("documentName").type(RestParamType.query).required(false).endParam()
                    .param().name("routeId").type(RestParamType.query).required(false).endParam()
                    .param().name("from").type(RestParamType.query).required(false).description("ISO-8601 instant").endParam()
                    .param().name("to").type(RestParamType.query).required(false).description("ISO-8601 instant").endParam()
                    .param().name("offset").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("limit").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .to("direct:admin-dead-letters-list")
                .post("/dead-letters/replay").routeId("admin-dead-letters-replay-matching")
                    .description("Replay every DEAD dead letter matching documentName/routeId/from/to, or {\"all\":true}")
                    .consumes("application/json").type(DeadLetterApi.ReplayFilter.class).outType(Map.class)
                    .to("direct:admin-dead-letters-replay-matching")
                .get("/dead-letters/{id}").routeId("admin-dead-letter-show")
                    .description("One dead letter with what its endpoint received and its replay history")
                    .outType(Map.class).to("direct:admin-dead-letter-show")
                .post("/dead-letters/{id}/replay").routeId("admin-dead-letter-replay")
                    .description("Re-send a DEAD dead letter to the endpoint that failed").outType(Map.class)
                    .to("direct:admin-dead-letter-replay")
                .post("/dead-letters/{id}/discard").routeId("admin-dead-letter-discard")
                    .description("Give a DEAD dead letter up, with {\"reason\":\"…\"}").consumes("application/json")
                    .type(DeadLetterApi.DiscardRequest.class).outType(Map.class).to("direct:admin-dead-letter-discard")
                .get("/messages/{messageId}").routeId("admin-message-journey")
                    .description("A message's status, every step of its journey and its dead letters")
                    .param().name("direction").type(RestParamType.query).required(false)
                        .description("IN (from ION) or OUT (to ION); both when absent").endParam()
                    .outType(Map.class).to("direct:admin-message-journey");

        handler("admin-dead-letters-list", null, deadLetters, "list");
        handler("admin-dead-letters-replay-matching", DeadLetterApi.ReplayFilter.class, deadLetters, "replayMatching");
        handler("admin-dead-letter-show", null, deadLetters, "show");
        handler("admin-dead-letter-replay", null, deadLetters, "replay");
        handler("admin-dead-letter-discard", DeadLetterApi.DiscardRequest.class, deadLetters, "discard");
        handler("admin-message-journey", null, journeys, "show");
    }

    /**
     * The route behind one verb: authenticate, bind an optional body to the verb's record (ApiJsonBody: 413, then
     * 400 invalid_json), answer from a bean method, JSON errors (inlined into the verb).
     */
    private void handler(String name, Class<?> type, Object bean, String beanMethod) {
        var route = from("direct:" + name).routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication");
        if (type != null) {
            route.unmarshal(ApiJsonBody.optional(type, DeadLetterApi.MAX_BODY_BYTES, DeadLetterApi.BODY_ERRORS));
        }
        route.bean(bean, beanMethod);
    }
}
