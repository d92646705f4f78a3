package io.switchboard.acrobits;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /acrobits/provisioning — External Provisioning (cloud_username, cloud_password, cloud_id): Account
 * XML merged by the app into the portal's provisioning. Errors are non-2xx with
 * &lt;error&gt;&lt;message&gt;…&lt;/message&gt;&lt;/error&gt; (the app shows the message), not JSON.
 */
public class ProvisioningRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningRoutes.class);
    private static final XmlMapper XML = new XmlMapper();

    private final AcrobitsAuthenticator authenticator;
    private final String title;

    public ProvisioningRoutes(AcrobitsAuthenticator authenticator, String title) {
        this.authenticator = authenticator;
        this.title = title;
    }

    /** XML error body. */
    @com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement(localName = "error")
    record ErrorAnswer(String message) {
    }

    @Override
    public void configure() {
        from("platform-http:/acrobits/provisioning?httpMethodRestrict=GET,POST").routeId("acrobits-provisioning")
                .routeConfigurationId(HttpErrors.ID)
                // route-level handlers win over http-errors: this service answers errors in XML
                .onException(HttpProblem.class).handled(true)
                    .process(e -> {
                        HttpProblem p = e.getProperty(Exchange.EXCEPTION_CAUGHT, HttpProblem.class);
                        error(e, p.status(), p.getMessage());
                    })
                .end()
                .onException(Exception.class).handled(true)
                    .process(e -> {
                        Exception x = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                        LOG.error("event=http-internal-error route=acrobits-provisioning exchangeId={}",
                                e.getExchangeId(), x);
                        error(e, 500, "unexpected error (a bug); reference " + e.getExchangeId());
                    })
                .end()
                .process(this::answer);
    }

    void answer(Exchange exchange) throws JsonProcessingException {
        Map<String, String> params = RequestParameters.of(exchange);
        AcrobitsCredentials credentials = AcrobitsAuthenticator.credentials(params, "cloud_username",
                "cloud_password", RequestParameters.remoteAddress(exchange));
        DirectoryUser user = authenticator.authenticate("provisioning", credentials,
                AcrobitsAuthRoutes.secret(exchange, params), true);
        ProvisioningAccount account = new ProvisioningAccount(title, user.sipUsername(),
                user.sipPassword().isPresent() ? user.sipPassword().reveal() : null,
                user.cloudUsername() != null ? user.cloudUsername() : user.username(),
                user.networkOr(authenticator.cloudId()),
                user.smsNumbers().stream().map(s -> new ProvisioningAccount.Number(s.carrier(), s.number())).toList());
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/xml");
        out.setHeader("Cache-Control", "no-store");
        out.setBody(XML.writeValueAsString(account));
    }

    static void error(Exchange exchange, int status, String message) {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/xml");
        try {
            out.setBody(XML.writeValueAsString(new ErrorAnswer(message)));
        } catch (JsonProcessingException e) {
            out.setBody("<error><message>error</message></error>");
        }
    }
}
