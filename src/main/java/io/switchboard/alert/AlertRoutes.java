package io.switchboard.alert;

import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * direct:alert → alert rules (routes/alert-rules.camel.yaml) → alert table; a poller sends due rows
 * to Pushover, at most hub.pushover.max-concurrent at a time, and files each answer.
 */
public class AlertRoutes extends RouteBuilder {

    static final String ACCEPT = "direct:alert-accept";
    static final String RULES = "direct:alert-rules";
    static final String SEND = "direct:alert-pushover-send";
    private static final String PUSHOVER = "{{hub.pushover.url}}?httpMethod=POST&throwExceptionOnFailure=false"
            + "&httpClientConfigurer=#" + PushoverHttpClient.BEAN
            + "&connectTimeout={{hub.pushover.connect-timeout}}&responseTimeout={{hub.pushover.response-timeout}}"
            + "&connectionRequestTimeout={{hub.pushover.response-timeout}}"
            + "&maxTotalConnections={{hub.pushover.max-concurrent}}&connectionsPerRoute={{hub.pushover.max-concurrent}}";

    private final AlertIntake intake;
    private final AlertDispatcher dispatcher;
    private final PushoverRequest request;
    private final PushoverOutcome outcome;
    private final PushoverSettings settings;
    private final PushoverSlotGate slots;

    public AlertRoutes(AlertIntake intake, AlertDispatcher dispatcher, PushoverRequest request,
            PushoverOutcome outcome, PushoverSettings settings, PushoverSlotGate slots) {
        this.intake = intake;
        this.dispatcher = dispatcher;
        this.request = request;
        this.outcome = outcome;
        this.settings = settings;
        this.slots = slots;
    }

    @Override
    public void configure() {
        // the caller's exchange comes back untouched: rules and intake work on a copy
        from(AlertHeaders.ENDPOINT).routeId("alert-intake")
                .routeConfigurationId(AlertRouteConfiguration.ID)
                .enrich(ACCEPT, (caller, accepted) -> caller);

        from(ACCEPT).routeId("alert-accept")
                .routeConfigurationId(AlertRouteConfiguration.ID)
                .to(RULES)
                .bean(intake, "accept");

        ExecutorService senders = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "alert-pushover-sender", settings.maxConcurrent());
        from("timer:alert-pushover-poll?period={{hub.pushover.poll-interval}}&delay={{hub.pushover.poll-interval}}")
                .routeId("alert-pushover-poll")
                .routeConfigurationId(AlertRouteConfiguration.ID)
                .doTry()
                    .bean(intake, "flushFolded")
                    .bean(dispatcher, "claimDue")
                    .split(body()).parallelProcessing().executorService(senders)
                        .choice()
                            .when(exchange -> settings.enabled()).to(SEND)
                            .otherwise().bean(outcome, "logInstead")
                        .end()
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    // rows stay queued (or come back when their lease ends); the next poll tries again
                    .log(LoggingLevel.WARN, "event=alert-poll-failed error=\"${exception.message}\"")
                .end();

        from(SEND).routeId(PushoverOutcome.SEND_ROUTE)
                .routeConfigurationId(AlertRouteConfiguration.ID)
                .setProperty(PushoverOutcome.ALERT, body())
                // Pushover: no more than two concurrent HTTP requests per application, across all instances
                .filter(method(slots, "acquire").isEqualTo(false))
                    .stop()
                .end()
                .setBody(method(request, "toJson"))
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .doTry()
                    .to(PUSHOVER)
                    .bean(outcome, "recordQuota")
                    .choice()
                        .when(header(Exchange.HTTP_RESPONSE_CODE).isLessThan(300)).bean(outcome, "delivered")
                        .when(header(Exchange.HTTP_RESPONSE_CODE).isEqualTo(429)).bean(outcome, "quotaExhausted")
                        .when(header(Exchange.HTTP_RESPONSE_CODE).isLessThan(500)).bean(outcome, "rejected")
                        .otherwise().bean(outcome, "failed")
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    // timeout, refused connection, reset: Pushover may not have seen it, send again later
                    .bean(outcome, "failed")
                .doFinally()
                    .bean(slots, "release")
                .end();
    }
}
