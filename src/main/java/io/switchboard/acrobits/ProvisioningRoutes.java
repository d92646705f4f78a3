package io.switchboard.acrobits;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * /acrobits/provisioning — External Provisioning (cloud_username, cloud_password, cloud_id): Account
 * XML merged by the app into the portal's provisioning. Errors are non-2xx with
 * &lt;error&gt;&lt;message&gt;…&lt;/message&gt;&lt;/error&gt; (the app shows the message), not JSON.
 */
public class ProvisioningRoutes extends RouteBuilder {

    private static final XmlMapper XML = new XmlMapper();

    private final AcrobitsAuthenticator authenticator;
    private final String title;

    public ProvisioningRoutes(AcrobitsAuthenticator authenticator, String title) {
        this.authenticator = authenticator;
        this.title = title;
    }

    @Override
    public void configure() {
        from("platform-http:/acrobits/provisioning?httpMethodRestrict=GET,POST").routeId("acrobits-provisioning")
                .routeConfigurationId(AcrobitsErrors.ID)
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
}
