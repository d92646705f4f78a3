package io.switchboard.ops;

import org.apache.camel.builder.RouteBuilder;

/** /api/admin/**: the operator's HTTP API for dead letters and message journeys (authenticated). */
public class AdminRoutes extends RouteBuilder {

    private static final String BASE = "platform-http:/api/admin";

    private final DeadLetterApi deadLetters;
    private final MessageJourneyApi journeys;

    public AdminRoutes(DeadLetterApi deadLetters, MessageJourneyApi journeys) {
        this.deadLetters = deadLetters;
        this.journeys = journeys;
    }

    @Override
    public void configure() {
        from(BASE + "/dead-letters?httpMethodRestrict=GET").routeId("admin-dead-letters-list")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication").bean(deadLetters, "list");
        from(BASE + "/dead-letters/replay?httpMethodRestrict=POST").routeId("admin-dead-letters-replay-matching")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication").bean(deadLetters, "replayMatching");
        from(BASE + "/dead-letters/{id}?httpMethodRestrict=GET").routeId("admin-dead-letter-show")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication").bean(deadLetters, "show");
        from(BASE + "/dead-letters/{id}/replay?httpMethodRestrict=POST").routeId("admin-dead-letter-replay")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication").bean(deadLetters, "replay");
        from(BASE + "/dead-letters/{id}/discard?httpMethodRestrict=POST").routeId("admin-dead-letter-discard")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication").bean(deadLetters, "discard");
        from(BASE + "/messages/{messageId}?httpMethodRestrict=GET").routeId("admin-message-journey")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication").bean(journeys, "show");
    }
}
