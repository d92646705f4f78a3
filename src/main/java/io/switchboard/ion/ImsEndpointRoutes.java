package io.switchboard.ion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.ops.HttpErrors;
import org.apache.camel.builder.RouteBuilder;

/**
 * The IMS v3 application side that ION calls through the API Gateway, under hub.ims.context-path.
 * The message routes read the raw body themselves (useBodyHandler=false): see MultipartParser.
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

        for (String path : List.of("/v3/multipartMessage", "/v3/message/multipart")) {
            String id = path.endsWith("multipartMessage") ? "ims-multipart-message" : "ims-message-multipart";
            from(base + path + "?httpMethodRestrict=POST&useBodyHandler=false").routeId(id)
                    .routeConfigurationId(HttpErrors.ID)
                    .process(receiver::receive);
        }
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
