package io.switchboard.acrobits;

import io.switchboard.HubJson;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * /acrobits/auth — External Authentication, called by the Acrobits SSO server with username,
 * password, host, cloud_id (GET query or POST form). 2xx with the verified phone numbers = accepted.
 */
public class AcrobitsAuthRoutes extends RouteBuilder {

    private static final XmlMapper XML = new XmlMapper();
    private static final ObjectMapper JSON = HubJson.mapper();

    private final AcrobitsAuthenticator authenticator;

    public AcrobitsAuthRoutes(AcrobitsAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** XML body of a successful answer: one phone element per verified number. */
    @JacksonXmlRootElement(localName = "account")
    record VerifiedPhones(@JacksonXmlElementWrapper(useWrapping = false)
                          @JacksonXmlProperty(localName = "phone") List<String> phones) {
    }

    @Override
    public void configure() {
        from("platform-http:/acrobits/auth?httpMethodRestrict=GET,POST").routeId("acrobits-auth")
                .routeConfigurationId(AcrobitsErrors.ID)
                .process(this::answer);
    }

    void answer(Exchange exchange) throws Exception {
        Map<String, String> params = RequestParameters.of(exchange);
        AcrobitsCredentials credentials = AcrobitsAuthenticator.credentials(params, "username", "password",
                RequestParameters.remoteAddress(exchange));
        DirectoryUser user = authenticator.authenticate("auth", credentials, secret(exchange, params), true);
        List<String> verified = user.phones().stream().filter(DirectoryPhone::verified)
                .map(DirectoryPhone::number).toList();
        boolean json = "json".equalsIgnoreCase(params.get("format"))
                || exchange.getIn().getHeader("Accept", "", String.class).contains("application/json");
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        if (json) {
            out.setHeader(Exchange.CONTENT_TYPE, "application/json");
            out.setBody(JSON.writeValueAsString(Map.of("phones", verified)));
        } else {
            out.setHeader(Exchange.CONTENT_TYPE, "application/xml");
            out.setBody(XML.writeValueAsString(new VerifiedPhones(verified)));
        }
    }

    /** The optional shared secret: header X-Switchboard-Secret (portal custom header) or parameter secret. */
    static String secret(Exchange exchange, Map<String, String> params) {
        String header = exchange.getIn().getHeader("X-Switchboard-Secret", String.class);
        return header != null ? header : params.get("secret");
    }
}
