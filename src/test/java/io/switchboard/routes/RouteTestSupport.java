package io.switchboard.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.switchboard.ion.BodXPath;
import io.switchboard.ops.RedeliveryCount;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;

/**
 * Base of the fast route tests (seconds, no database, no HTTP): camel-main with routes/*.camel.yaml and
 * application.properties from the working tree, exactly as `make run` loads them. The hub's Java targets
 * (direct:alert, direct:chat-event, direct:directory-update, direct:ion-outbound) are replaced by mock
 * endpoints: a test says which targets a BOD reaches and with which headers. Copy DispatchRulesTest or
 * AlertRulesTableTest, not this class (docs/routing.md).
 */
abstract class RouteTestSupport extends CamelMainTestSupport {

    /** The hub's Java-side targets a YAML route may call. */
    static final String TARGETS = "direct:(alert|chat-event|directory-update|ion-outbound)";

    @Override
    public void configureContext(CamelContextConfiguration camelContextConfiguration) {
        super.configureContext(camelContextConfiguration);
        camelContextConfiguration.withMockEndpointsAndSkip(TARGETS);
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        // route configurations included: routes/error-handling.camel.yaml
        configuration.setRoutesIncludePattern("file:routes/*.camel.yaml");
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:application.properties";
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        registry.bind("bodXPath", new BodXPath());
        registry.bind(RedeliveryCount.BEAN, new RedeliveryCount());
        // the Java side of direct:chat-event and of the departure rule; never called (their senders are mocked)
        registry.bind("chatEvents", new JavaTargetNotInRouteTests());
        registry.bind("chatDepartures", new JavaTargetNotInRouteTests());
    }

    /** Stands in for a Java bean behind a mocked target: a call means a target escaped its mock. */
    public static final class JavaTargetNotInRouteTests {
        public void deliver(Exchange exchange) {
            throw new IllegalStateException("direct:chat-event is mocked in route tests");
        }

        public void userDeactivated(Exchange exchange) {
            throw new IllegalStateException("direct:directory-user-deactivated is not part of route tests");
        }
    }

    /** The mock standing in for a hub target, e.g. target("direct:chat-event"). */
    protected MockEndpoint target(String endpoint) {
        return getMockEndpoint("mock:" + endpoint);
    }

    /** Runs the routing table (route ion-dispatch) on a BOD as the hub hands it over after storing it. */
    protected Exchange dispatch(InboundBod bod) {
        return template.request("direct:ion-dispatch", e -> {
            e.getIn().setBody(bod.xml());
            e.getIn().setHeaders(new HashMap<>(bod.headers()));
        });
    }

    /**
     * Delivers a routed BOD to every target its rule named in DispatchTargets, as the hub does: each target
     * gets its own copy of the body and headers. The hub's Java targets end in their mocks.
     */
    protected void deliver(Exchange routed) {
        String targets = routed.getMessage().getHeader("DispatchTargets", String.class);
        for (String target : targets.split(",")) {
            Exchange done = template.request(target.trim(), e -> {
                e.getIn().setHeaders(new HashMap<>(routed.getMessage().getHeaders()));
                e.getIn().removeHeader("DispatchTargets");
                e.getIn().setBody(routed.getMessage().getBody(String.class));
            });
            if (done.getException() != null) {
                throw new AssertionError("target " + target + " failed", done.getException());
            }
        }
    }

    /** Runs the alert rules (route alert-rules) on an alert as sent to direct:alert. */
    protected Exchange alert(String text, Map<String, Object> headers) {
        return template.request("direct:alert-rules", e -> {
            e.getIn().setBody(text);
            e.getIn().setHeaders(new HashMap<>(headers));
        });
    }

    /** A test resource as text, e.g. resource("ion/SyncServiceOrder-escalated.xml"). */
    protected static String resource(String path) {
        try (InputStream in = RouteTestSupport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An inbound BOD with the headers the hub sets before the routing table (docs/routing.md, "What a rule
     * can look at"): DocumentName, BodVerb/BodNoun (OAGIS verb + noun), MessageId, TenantId, FromLogicalId.
     */
    protected record InboundBod(String documentName, String xml, String tenant, String sender) {

        static InboundBod of(String documentName, String xml) {
            return new InboundBod(documentName, xml, null, null);
        }

        InboundBod tenant(String tenantId) {
            return new InboundBod(documentName, xml, tenantId, sender);
        }

        InboundBod sender(String fromLogicalId) {
            return new InboundBod(documentName, xml, tenant, fromLogicalId);
        }

        Map<String, Object> headers() {
            Map<String, Object> headers = new HashMap<>();
            int noun = 1;
            while (noun < documentName.length() && !Character.isUpperCase(documentName.charAt(noun))) {
                noun++;
            }
            headers.put("DocumentName", documentName);
            headers.put("BodVerb", documentName.substring(0, noun));
            headers.put("BodNoun", documentName.substring(noun));
            headers.put("MessageId", UUID.randomUUID().toString());
            if (tenant != null) {
                headers.put("TenantId", tenant);
            }
            if (sender != null) {
                headers.put("FromLogicalId", sender);
            }
            return headers;
        }
    }
}
