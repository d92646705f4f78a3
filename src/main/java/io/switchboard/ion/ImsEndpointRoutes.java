package io.switchboard.ion;

import java.util.LinkedHashMap;
import java.util.Map;

import io.switchboard.ops.HttpErrors;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The IMS v3 application side that ION calls through the API Gateway, under hub.ims.context-path.
 * The two message endpoints are served by ImsMessageIntake (body read on the event loop), which runs
 * the direct: message routes here.
 */
public class ImsEndpointRoutes extends RouteBuilder {

    private final ImsSettings settings;
    private final InboundReceiver receiver;

    public ImsEndpointRoutes(ImsSettings settings, InboundReceiver receiver) {
        this.settings = settings;
        this.receiver = receiver;
    }

    @Override
    public void configure() {
        String base = "platform-http:" + settings.contextPath() + "/service";

        from(base + "/ping?httpMethodRestrict=GET").routeId("ims-ping")
                .routeConfigurationId(HttpErrors.ID)
                .process(receiver::authorize)
                .process(e -> InboundReceiver.answer(e, 200, Map.of("status", "ok")));

        from(base + "/protocol?httpMethodRestrict=GET").routeId("ims-protocol")
                .routeConfigurationId(HttpErrors.ID)
                .process(receiver::authorize)
                .process(e -> InboundReceiver.answer(e, 200, protocol()));

        from(base + "/v3/discovery?httpMethodRestrict=POST").routeId("ims-discovery")
                .routeConfigurationId(HttpErrors.ID)
                .process(receiver::authorizeTenant)
                .process(e -> InboundReceiver.answer(e, 200, discovery()));

        // POST multipartMessage / message/multipart: ImsMessageIntake reads the body, then runs these routes
        for (String id : messagePaths(settings).values()) {
            from(id).routeId(id.substring("direct:".length()))
                    .routeConfigurationId(HttpErrors.ID)
                    // asynchronous: the route ends when the group commit completes, no thread waits for it
                    .process(new AsyncProcessorSupport() {
                        @Override
                        public boolean process(Exchange exchange, AsyncCallback callback) {
                            return receiver.receive(exchange, callback);
                        }
                    });
        }
    }

    /** The two message paths and the routes ImsMessageIntake hands their requests to. */
    static Map<String, String> messagePaths(ImsSettings settings) {
        String base = settings.contextPath() + "/service";
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put(base + "/v3/multipartMessage", "direct:ims-multipart-message");
        paths.put(base + "/v3/message/multipart", "direct:ims-message-multipart");
        return paths;
    }

    private Map<String, Object> protocol() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "v3");
        body.put("messageMethod", "multipartMessage");
        body.put("hasDiscovery", settings.hasDiscovery());
        return body;
    }

    private Map<String, Object> discovery() {
        return Map.of("documents", settings.documents().stream().map(d -> Map.of("documentName", d)).toList());
    }
}
