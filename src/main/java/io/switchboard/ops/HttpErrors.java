package io.switchboard.ops;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route configuration "http-errors" for every route that answers an HTTP request: no redelivery,
 * no dead letter (the caller gets the answer); HttpProblem becomes its status + JSON body, anything
 * else a 500 JSON body without stack trace. HTTP routes opt in with routeConfigurationId(ID).
 */
public class HttpErrors extends RouteConfigurationBuilder {

    public static final String ID = "http-errors";

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    @Override
    public void configuration() {
        routeConfiguration(ID)
                // onException needs a real error handler; zero redeliveries keeps it a plain answer
                .errorHandler(defaultErrorHandler().maximumRedeliveries(0))
                .onException(HttpProblem.class).handled(true)
                    .process(HttpErrors::answerProblem)
                .end()
                .onException(Exception.class).handled(true)
                    .process(HttpErrors::answerBug)
                .end();
    }

    static void answerProblem(Exchange exchange) {
        HttpProblem problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HttpProblem.class);
        respond(exchange, problem.status(), problem.code(), problem.getMessage());
    }

    static void answerBug(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String routeId = exchange.getFromRouteId();
        var refusal = StoreRefusal.of(e);
        if (refusal.isPresent()) {
            // a value that slipped past the edge checks: the caller's mistake, logged without the value
            LOG.warn("event=http-store-refused route={} exchangeId={} sqlState={}", routeId, exchange.getExchangeId(),
                    refusal.get().sqlState());
            HttpProblem problem = refusal.get().problem();
            respond(exchange, problem.status(), problem.code(), problem.getMessage());
            return;
        }
        LOG.error("event=http-internal-error route={} exchangeId={} error=\"{}\"", routeId,
                exchange.getExchangeId(), e, e);
        respond(exchange, 500, "internal_error",
                "unexpected error (a bug); reference " + exchange.getExchangeId());
    }

    /** Writes {"error":code,"message":message} with the status, replacing whatever the body was. */
    public static void respond(Exchange exchange, int status, String code, String message) {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (status == 401) {
            out.setHeader("WWW-Authenticate", "Basic realm=\"switchboard\"");
        }
        out.setBody(ErrorBody.json(code, message));
    }
}
