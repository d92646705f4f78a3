package io.switchboard.ops;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;

/**
 * The REST DSL's one configuration for /api/**: served by platform-http on camel.server.port, each verb
 * inlined into one route (its id is the route id), and the OpenAPI document of every rest() at
 * /api/openapi.json (public: it describes the contract, no data).
 */
public class ApiRestConfiguration extends RouteBuilder {

    public static final String OPENAPI_PATH = "/api/openapi.json";
    public static final String JSON_DATA_FORMAT = "api-json";

    private final String version;

    public ApiRestConfiguration(String version) {
        this.version = version;
    }

    @Override
    public void configure() {
        // binding is off unless a verb turns it on (bindingMode(json) + type/outType): Camel would then register the
        // verb on platform-http for application/json only. The other verbs that take a body declare type(…) and bind
        // it in their route after authentication (ApiJsonBody, size first); error answers (>= 300) are never re-bound.
        // A bound verb uses api-json (ApiJsonDataFormat): the hub's mapper, and a body it cannot bind is answered
        // 400 JSON by the route after authentication (ApiBinding), not in plain text by the binding itself.
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off).inlineRoutes(true)
                .jsonDataFormat(JSON_DATA_FORMAT).skipBindingOnErrorCode(true)
                .apiContextPath(OPENAPI_PATH)
                .apiProperty("api.title", "Switchboard hub API")
                .apiProperty("api.version", version)
                .apiProperty("api.description", "/api/** of the Switchboard hub: header X-API-Key (hub.api.key) or"
                        + " HTTP basic (hub.api.user/password); errors are {\"error\",\"message\"} JSON");
    }

    /** Declares the API's two ways in (X-API-Key or basic; either will do) on a rest() for the OpenAPI document. */
    public static RestDefinition secured(RestDefinition rest) {
        return rest.securityDefinitions()
                    .apiKey("apiKey", "hub.api.key").withHeader("X-API-Key").end()
                    .basicAuth("basic", "hub.api.user / hub.api.password")
                .end()
                .security("apiKey").security("basic");
    }
}
