package io.switchboard.acrobits;

import io.switchboard.ops.ErrorBody;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route configuration "acrobits-errors" for every /acrobits/* route: a refusal is its status with
 * &lt;error&gt;&lt;message&gt;…&lt;/message&gt;&lt;code&gt;…&lt;/code&gt;&lt;/error&gt; (the app shows the message),
 * anything unexpected a 500 in the same shape without internals.
 */
public class AcrobitsErrors extends RouteConfigurationBuilder {

    public static final String ID = "acrobits-errors";

    private static final Logger LOG = LoggerFactory.getLogger(AcrobitsErrors.class);
    @Override
    public void configuration() {
        routeConfiguration(ID)
                .errorHandler(defaultErrorHandler().maximumRedeliveries(0))
                .onException(HttpProblem.class).handled(true)
                    .process(e -> {
                        HttpProblem p = e.getProperty(Exchange.EXCEPTION_CAUGHT, HttpProblem.class);
                        respond(e, p.status(), p.code(), p.getMessage());
                    })
                .end()
                .onException(Exception.class).handled(true)
                    .process(e -> {
                        Exception x = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                        LOG.error("event=http-internal-error route={} exchangeId={} error=\"{}\"", e.getFromRouteId(),
                                e.getExchangeId(), x, x);
                        respond(e, 500, "internal_error", "unexpected error (a bug); reference " + e.getExchangeId());
                    })
                .end();
    }

    /** Writes the XML error answer with the status, replacing whatever the body and headers were. */
    public static void respond(Exchange exchange, int status, String code, String message) {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/xml");
        out.setBody(ErrorBody.xml(code, message));
    }
}
