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
        api("GET", "/dead-letters", "admin-dead-letters-list", deadLetters, "list");
        api("POST", "/dead-letters/replay", "admin-dead-letters-replay-matching", deadLetters, "replayMatching");
        api("GET", "/dead-letters/{id}", "admin-dead-letter-show", deadLetters, "show");
        api("POST", "/dead-letters/{id}/replay", "admin-dead-letter-replay", deadLetters, "replay");
        api("POST", "/dead-letters/{id}/discard", "admin-dead-letter-discard", deadLetters, "discard");
        api("GET", "/messages/{messageId}", "admin-message-journey", journeys, "show");
    }

    /** One authenticated admin endpoint answering from a bean method, with JSON errors. */
    private void api(String method, String path, String routeId, Object bean, String beanMethod) {
        from(BASE + path + "?httpMethodRestrict=" + method).routeId(routeId)
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication").bean(bean, beanMethod);
    }
}
